#include "app/gui/start_page.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "app/gui/recent_files.h"
#include "model/site/templates.h"

namespace dctwin::app {

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
  setObjectName("startPage");
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(48, 36, 48, 36);
  auto* title =
      new QLabel(tr("<h1>dctwin</h1><p>Digital twin of the power and cooling of "
                    "gigawatt AI sites. Start from a template, or open a project.</p>"));
  title->setTextFormat(Qt::RichText);
  outer->addWidget(title);

  auto* grid = new QGridLayout;
  grid->addWidget(new QLabel(tr("<h3>New from template</h3>")), 0, 0);
  grid->addWidget(new QLabel(tr("<h3>Recent files</h3>")), 0, 1);
  auto* templates = new QVBoxLayout;
  for (const auto& t : model::site_templates()) {
    const QString name = QString::fromStdString(t.name);
    auto* b = new QPushButton(name);
    b->setObjectName("template_" + name);
    b->setMinimumHeight(36);
    b->setToolTip(QString::fromStdString(t.description));
    connect(b, &QPushButton::clicked, this, [this, name] { emit templateChosen(name); });
    auto* d = new QLabel(QString::fromStdString(t.description));
    d->setWordWrap(true);
    templates->addWidget(b);
    templates->addWidget(d);
    templates->addSpacing(8);
  }
  templates->addStretch(1);
  grid->addLayout(templates, 1, 0);

  auto* right = new QVBoxLayout;
  recent_ = new QListWidget;
  recent_->setObjectName("recentList");
  connect(recent_, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { emit fileChosen(item->data(Qt::UserRole).toString()); });
  right->addWidget(recent_, 1);
  auto* open = new QPushButton(tr("Open a project..."));
  open->setObjectName("openButton");
  connect(open, &QPushButton::clicked, this, &StartPage::openRequested);
  right->addWidget(open);
  grid->addLayout(right, 1, 1);
  grid->setColumnStretch(0, 1);
  grid->setColumnStretch(1, 1);
  outer->addLayout(grid, 1);
  refresh();
}

void StartPage::refresh() {
  recent_->clear();
  const QStringList files = recent_files();
  for (const QString& f : files) {
    auto* item = new QListWidgetItem(QFileInfo(f).fileName() + "   " + QFileInfo(f).absolutePath());
    item->setData(Qt::UserRole, f);
    item->setToolTip(f);
    recent_->addItem(item);
  }
  if (files.isEmpty()) {
    auto* item = new QListWidgetItem(tr("No recent files yet."));
    item->setFlags(Qt::NoItemFlags);
    recent_->addItem(item);
  }
}

}  // namespace dctwin::app
