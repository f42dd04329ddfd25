#include "render/vtk_widget.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkNew.h>
#include <vtkOpenGLState.h>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QSurfaceFormat>
#include <QTimer>
#include <QWheelEvent>

namespace dctwin::render {

namespace {
// A press and release closer than this (pixels) is a click, not a drag.
constexpr int kClickSlop = 4;
constexpr int kHoverMs = 250;

template <class F>
unsigned long observe(vtkObject* obj, unsigned long event, F f) {
  vtkNew<vtkCallbackCommand> cb;
  auto* heap = new F(std::move(f));
  cb->SetClientData(heap);
  cb->SetCallback([](vtkObject*, unsigned long, void* client, void* call) {
    (*static_cast<F*>(client))(call);
  });
  cb->SetClientDataDeleteCallback([](void* client) { delete static_cast<F*>(client); });
  return obj->AddObserver(event, cb);
}
}  // namespace

QSurfaceFormat VtkWidget::default_format() {
  QSurfaceFormat f;
  f.setRenderableType(QSurfaceFormat::OpenGL);
  f.setVersion(3, 2);
  f.setProfile(QSurfaceFormat::CoreProfile);
  f.setDepthBufferSize(24);
  f.setStencilBufferSize(8);
  f.setSamples(0);
  f.setRedBufferSize(8);
  f.setGreenBufferSize(8);
  f.setBlueBufferSize(8);
  f.setAlphaBufferSize(8);
  f.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
  return f;
}

bool VtkWidget::opengl_available() {
  static const bool ok = [] {
    // Qt's offscreen and minimal platforms may create GL contexts (GLX on a display) but do not
    // support QOpenGLWidget (no RasterGLSurface capability): a window with one crashes there.
    const QString platform = QGuiApplication::platformName();
    if (platform == "offscreen" || platform == "minimal" || platform == "vnc") return false;
    QOpenGLContext ctx;
    ctx.setFormat(default_format());
    return ctx.create() && ctx.format().majorVersion() * 10 + ctx.format().minorVersion() >= 32;
  }();
  return ok;
}

VtkWidget::VtkWidget(QWidget* parent) : QOpenGLWidget(parent) {
  setFormat(default_format());
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(200, 150);
  window_ = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
  window_->SetReadyForRendering(false);
  window_->SetFrameBlitModeToNoBlit();
  window_->SetOwnContext(0);
  window_->SetMultiSamples(0);
  iren_ = vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
  iren_->SetRenderWindow(window_);
  vtkNew<vtkInteractorStyleTrackballCamera> style;
  iren_->SetInteractorStyle(style);
  // The interactor never renders by itself: it asks for a repaint and VTK renders in paintGL.
  iren_->EnableRenderOff();
  obs_render_ = observe(iren_.Get(), vtkCommand::RenderEvent, [this](void*) { update(); });
  obs_make_ = observe(window_.Get(), vtkCommand::WindowMakeCurrentEvent,
                      [this](void*) { on_make_current(); });
  obs_is_ = observe(window_.Get(), vtkCommand::WindowIsCurrentEvent,
                    [this](void* c) { on_is_current(c); });
  obs_frame_ = observe(window_.Get(), vtkCommand::WindowFrameEvent, [this](void*) { on_frame(); });
  iren_->Initialize();

  hover_timer_ = new QTimer(this);
  hover_timer_->setSingleShot(true);
  hover_timer_->setInterval(kHoverMs);
  connect(hover_timer_, &QTimer::timeout, this, [this] { emit hovered(hover_pos_); });
}

VtkWidget::~VtkWidget() {
  if (initialized_ && context()) {
    QOpenGLWidget::makeCurrent();
    window_->Finalize();
    QOpenGLWidget::doneCurrent();
  }
  window_->RemoveObserver(obs_make_);
  window_->RemoveObserver(obs_is_);
  window_->RemoveObserver(obs_frame_);
  iren_->RemoveObserver(obs_render_);
}

vtkGenericOpenGLRenderWindow* VtkWidget::render_window() const { return window_; }
vtkGenericRenderWindowInteractor* VtkWidget::interactor() const { return iren_; }

void VtkWidget::request_render() { update(); }

void VtkWidget::on_make_current() {
  // Not QOpenGLWidget::makeCurrent(): VTK calls this many times a frame and Qt would rebind its
  // own framebuffer behind VTK's cached GL state (black picture).
  if (context() && surface_) context()->makeCurrent(surface_);
}

void VtkWidget::on_is_current(void* call_data) {
  auto* is = static_cast<bool*>(call_data);
  *is = context() && surface_ && QOpenGLContext::currentContext() == context() &&
        context()->surface() == surface_;
}

void VtkWidget::on_frame() {
  if (!painting_) update();
}

void VtkWidget::initializeGL() {
  surface_ = context()->surface();
  window_->SetReadyForRendering(false);
  window_->OpenGLInitContext();
  // VTK 9.1's GetOpenGLVersion() reads 0.0 through its state cache here even on a good context:
  // judge by what Qt created (VTK itself reports a GLEW failure through its error output).
  const QSurfaceFormat fmt = context()->format();
  if (fmt.majorVersion() * 10 + fmt.minorVersion() < 32) {
    gl_error_ = tr("The 3D view needs OpenGL 3.2; this display gave %1.%2 (run on X11/xcb with "
                   "Mesa 11.2 or later, or a GPU driver).")
                    .arg(fmt.majorVersion())
                    .arg(fmt.minorVersion());
    qWarning("%s", qPrintable(gl_error_));
    return;
  }
  window_->SetReadyForRendering(true);
  initialized_ = true;
  sync_size();
}

void VtkWidget::sync_size() {
  const double r = devicePixelRatioF();
  const int w = std::max(1, int(width() * r + 0.5)), h = std::max(1, int(height() * r + 0.5));
  iren_->UpdateSize(w, h);  // also sizes the window
  window_->SetSize(w, h);
  window_->SetScreenSize(w, h);
  window_->SetDPI(int(72 * r));
}

void VtkWidget::resizeGL(int, int) {
  sync_size();
  iren_->InvokeEvent(vtkCommand::WindowResizeEvent);
}

void VtkWidget::paintGL() {
  if (!initialized_) return;
  painting_ = true;
  vtkOpenGLState* st = window_->GetState();
  st->Reset();
  st->Push();
  st->vtkglDepthFunc(GL_LEQUAL);
  st->vtkglEnable(GL_DEPTH_TEST);
  QElapsedTimer t;
  t.start();
  window_->Render();
  last_render_ms_ = double(t.nsecsElapsed()) / 1e6;
  st->Pop();

  // Rendering may have changed the current context: rebind Qt's framebuffer, then blit VTK's.
  QOpenGLWidget::makeCurrent();
  const double r = devicePixelRatioF();
  const int w = int(width() * r + 0.5), h = int(height() * r + 0.5);
  QOpenGLExtraFunctions* f = context()->extraFunctions();
  st->Reset();
  st->Push();
  st->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
  const GLenum bufs[1] = {GL_COLOR_ATTACHMENT0};
  f->glDrawBuffers(1, bufs);
  st->vtkglDisable(GL_SCISSOR_TEST);
  st->vtkglViewport(0, 0, w, h);
  window_->BlitDisplayFramebuffer(0, 0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  // Alpha to 1, or the compositor blends the picture with what lies behind (Mesa).
  st->vtkglColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
  st->vtkglClearColor(0, 0, 0, 1);
  st->vtkglClear(GL_COLOR_BUFFER_BIT);
  st->vtkglColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
  st->Pop();
  painting_ = false;
}

void VtkWidget::forward_mouse(QMouseEvent* e, unsigned long vtk_event) {
  const double r = devicePixelRatioF();
  const QPointF p = e->position() * r;
  const auto mods = e->modifiers();
  iren_->SetEventInformationFlipY(int(p.x()), int(p.y()), (mods & Qt::ControlModifier) ? 1 : 0,
                                  (mods & Qt::ShiftModifier) ? 1 : 0, 0,
                                  e->type() == QEvent::MouseButtonDblClick ? 1 : 0);
  iren_->SetAltKey((mods & Qt::AltModifier) ? 1 : 0);
  iren_->InvokeEvent(vtk_event, e);
}

bool VtkWidget::event(QEvent* e) {
  if (!initialized_) return QOpenGLWidget::event(e);
  switch (e->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick: {
      auto* m = static_cast<QMouseEvent*>(e);
      hover_timer_->stop();
      if (m->button() == Qt::LeftButton) {
        press_pos_ = m->position().toPoint();
        press_left_ = true;
      }
      const unsigned long ev = m->button() == Qt::LeftButton ? vtkCommand::LeftButtonPressEvent
                               : m->button() == Qt::RightButton
                                   ? vtkCommand::RightButtonPressEvent
                                   : vtkCommand::MiddleButtonPressEvent;
      forward_mouse(m, ev);
      return true;
    }
    case QEvent::MouseButtonRelease: {
      auto* m = static_cast<QMouseEvent*>(e);
      const unsigned long ev = m->button() == Qt::LeftButton ? vtkCommand::LeftButtonReleaseEvent
                               : m->button() == Qt::RightButton
                                   ? vtkCommand::RightButtonReleaseEvent
                                   : vtkCommand::MiddleButtonReleaseEvent;
      forward_mouse(m, ev);
      if (m->button() == Qt::LeftButton && press_left_) {
        press_left_ = false;
        if ((m->position().toPoint() - press_pos_).manhattanLength() <= kClickSlop)
          emit clicked(m->position().toPoint());
      }
      return true;
    }
    case QEvent::MouseMove: {
      auto* m = static_cast<QMouseEvent*>(e);
      forward_mouse(m, vtkCommand::MouseMoveEvent);
      if (m->buttons() == Qt::NoButton) {
        hover_pos_ = m->position().toPoint();
        hover_timer_->start();
      } else {
        hover_timer_->stop();
      }
      return true;
    }
    case QEvent::Wheel: {
      auto* w = static_cast<QWheelEvent*>(e);
      const double r = devicePixelRatioF();
      const QPointF p = w->position() * r;
      iren_->SetEventInformationFlipY(int(p.x()), int(p.y()),
                                      (w->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                      (w->modifiers() & Qt::ShiftModifier) ? 1 : 0);
      // One VTK step per 120 units (one notch).
      wheel_accum_ += w->angleDelta().y();
      while (wheel_accum_ >= 120) {
        iren_->InvokeEvent(vtkCommand::MouseWheelForwardEvent, e);
        wheel_accum_ -= 120;
      }
      while (wheel_accum_ <= -120) {
        iren_->InvokeEvent(vtkCommand::MouseWheelBackwardEvent, e);
        wheel_accum_ += 120;
      }
      return true;
    }
    case QEvent::Enter:
      iren_->InvokeEvent(vtkCommand::EnterEvent, e);
      break;
    case QEvent::Leave:
      hover_timer_->stop();
      iren_->InvokeEvent(vtkCommand::LeaveEvent, e);
      break;
    default:
      break;
  }
  // Keys are not forwarded: VTK's default styles quit on 'e'/'q' and toggle wireframe on 'w';
  // the panel offers its own shortcuts (camera presets).
  return QOpenGLWidget::event(e);
}

}  // namespace dctwin::render
