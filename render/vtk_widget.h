// A Qt 6 widget hosting a VTK render window (DESIGN.md, "VTK inside Qt 6"). Debian's VTK Qt
// modules are built against Qt 5 and must never be linked; this is our own bridge:
// QOpenGLWidget + vtkGenericOpenGLRenderWindow (no own context, no blit) + a
// vtkGenericRenderWindowInteractor that renders only from paintGL.
//
// Use: construct, add renderers to render_window(), call request_render() after changing the
// scene. Mouse and wheel events drive the interactor's style (trackball camera by default).
// Call VtkWidget::default_format() into QSurfaceFormat::setDefaultFormat before the
// QApplication exists (the widget also sets it on itself).
#pragma once

#include <vtkSmartPointer.h>

#include <QOpenGLWidget>
#include <QPoint>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkObject;
class QSurface;

namespace dctwin::render {

class VtkWidget : public QOpenGLWidget {
  Q_OBJECT
 public:
  explicit VtkWidget(QWidget* parent = nullptr);
  ~VtkWidget() override;

  /// OpenGL 3.2 core, depth 24, stencil 8, no multisampling (what VTK 9.1 needs).
  static QSurfaceFormat default_format();
  /// Whether this platform can create such a context (false on Qt's "offscreen" platform, where
  /// a QOpenGLWidget in a window crashes Qt 6.4's compositor: do not create a VtkWidget then).
  /// Needs a QGuiApplication; the answer is cached.
  static bool opengl_available();

  [[nodiscard]] vtkGenericOpenGLRenderWindow* render_window() const;
  [[nodiscard]] vtkGenericRenderWindowInteractor* interactor() const;
  /// Schedules a repaint; VTK renders in the next paintGL.
  void request_render();
  /// Why the GL context could not be used (empty when fine).
  [[nodiscard]] QString gl_error() const { return gl_error_; }
  /// Milliseconds the last VTK Render() took inside paintGL.
  [[nodiscard]] double last_render_ms() const { return last_render_ms_; }

 signals:
  /// A left click (press and release within a few pixels, no drag), in widget pixels
  /// (device-independent).
  void clicked(QPoint pos);
  /// The mouse rests at pos (no button held) for a moment: time for a tooltip.
  void hovered(QPoint pos);

 protected:
  void initializeGL() override;
  void paintGL() override;
  void resizeGL(int w, int h) override;
  bool event(QEvent* e) override;

 private:
  void sync_size();
  void on_make_current();
  void on_is_current(void* call_data);
  void on_frame();
  void forward_mouse(class QMouseEvent* e, unsigned long vtk_event);

  vtkSmartPointer<vtkGenericOpenGLRenderWindow> window_;
  vtkSmartPointer<vtkGenericRenderWindowInteractor> iren_;
  QSurface* surface_ = nullptr;
  unsigned long obs_make_ = 0, obs_is_ = 0, obs_frame_ = 0, obs_render_ = 0;
  bool painting_ = false;
  bool initialized_ = false;
  QString gl_error_;
  double last_render_ms_ = 0;
  QPoint press_pos_;
  bool press_left_ = false;
  class QTimer* hover_timer_ = nullptr;
  QPoint hover_pos_;
  int wheel_accum_ = 0;
};

}  // namespace dctwin::render
