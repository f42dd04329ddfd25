// Layout edit commands without a GUI: every command reverts to a site equal to the original,
// re-applies to the same result, keeps ids unique, and adding a row keeps the site valid.
#include <QtTest>
#include <set>

#include "data/catalog_io.h"
#include "model/edit/autoconnect.h"
#include "model/edit/commands.h"
#include "model/edit/properties.h"
#include "model/site/loads.h"
#include "model/site/templates.h"
#include "model/site/validation.h"

using namespace dctwin;
using namespace dctwin::model;
using namespace dctwin::model::edit;

namespace {

const Catalog& cat() { return data::builtin_catalog(); }

AddRowSpec spec_for(Id hall, const std::string& type, int racks) {
  AddRowSpec s;
  s.hall_id = hall;
  s.rack_type = type;
  s.racks = racks;
  return s;
}

Site make(const char* name) { return make_site_from_template(name, {}, cat()); }

// Every factory, on a template, as named command builders.
std::vector<std::pair<std::string, std::function<CommandPtr(const Site&)>>> all_commands() {
  auto first_hall = [](const Site& s) { return s.halls.front().id; };
  auto rows_in = [](const Site& s, Id hall) {
    std::vector<Id> out;
    for (const auto& r : s.rows)
      if (r.hall_id == hall) out.push_back(r.id);
    return out;
  };
  auto unit_of = [](const Site& s, CoolKind k) {
    for (const auto& c : s.cooling)
      if (c.kind == k) return c.id;
    return kNoId;
  };
  auto node_of = [](const Site& s, ElecKind k, const char* side) {  // the first of that side
    for (const auto& n : s.elec_nodes)
      if (n.kind == k && n.side == side) return n.id;
    return kNoId;
  };
  auto feed_of = [](const Site& s, const char* side) {  // the last of that side
    Id out = kNoId;
    for (const auto& n : s.elec_nodes)
      if (is_rack_feed(n.kind) && n.side == side) out = n.id;
    return out;
  };
  return {
      {"add_row",
       [=](const Site& s) {
         return add_row(s, cat(), spec_for(first_hall(s), s.racks.type[0], 4));
       }},
      {"add_row_at",
       [=](const Site& s) {
         AddRowSpec spec = spec_for(first_hall(s), "cpu_generic", 3);
         spec.x_m = 0.6;
         spec.y_m = 1.2;
         spec.orientation_deg = 0;
         spec.auto_connect = false;
         return add_row(s, cat(), spec);
       }},
      {"add_racks",
       [=](const Site& s) {
         const Id row = rows_in(s, first_hall(s)).front();
         return add_racks(s, cat(), row, 2, s.racks.type[0], true);
       }},
      {"move",
       [](const Site& s) {
         return move_entities(s, {s.racks.id[3], s.racks.id[5]}, 0.6, -1.2);
       }},
      {"move_row",
       [=](const Site& s) { return move_entities(s, {rows_in(s, first_hall(s))[1]}, 0.6, 0); }},
      {"rotate",
       [](const Site& s) {
         return rotate_entities(s, {s.racks.id[0], s.racks.id[7]}, 1);
       }},
      {"rotate_back", [](const Site& s) { return rotate_entities(s, {s.racks.id[1]}, -3); }},
      {"delete_racks",
       [](const Site& s) {
         return delete_entities(s, {s.racks.id[0], s.racks.id[5], s.racks.id[s.racks.size() - 1]});
       }},
      {"delete_row",
       [=](const Site& s) { return delete_entities(s, {rows_in(s, first_hall(s))[1]}); }},
      {"delete_cdu",
       [=](const Site& s) { return delete_entities(s, {unit_of(s, CoolKind::Cdu)}); }},
      {"delete_fanwall",
       [=](const Site& s) { return delete_entities(s, {unit_of(s, CoolKind::FanWall)}); }},
      {"set_type",
       [](const Site& s) {
         return set_rack_type(s, cat(), {s.racks.id[2], s.racks.id[3]}, "cpu_generic");
       }},
      {"connect_a",
       [=](const Site& s) {
         return connect_feed(s, cat(), {s.racks.id[0]}, Cord::A, feed_of(s, "A"));
       }},
      {"unplug_b",
       [](const Site& s) { return connect_feed(s, cat(), {s.racks.id[0]}, Cord::B, kNoId); }},
      {"connect_cdu",
       [=](const Site& s) {
         Id last = kNoId;
         for (const auto& c : s.cooling)
           if (c.kind == CoolKind::Cdu) last = c.id;
         return connect_cooling(s, {s.racks.id[0], s.racks.id[1]}, last);
       }},
      {"connect_cooling_feed",
       [=](const Site& s) {
         return connect_cooling_feed(s, {unit_of(s, CoolKind::FanWall), unit_of(s, CoolKind::Pump)},
                                     Cord::A, node_of(s, ElecKind::LvSwitchboard, "A"));
       }},
      {"set_unit_feed_property",
       [=](const Site& s) {
         return set_property(s, cat(), {unit_of(s, CoolKind::Cdu)}, "feed_b",
                             PropValue(node_of(s, ElecKind::Busway, "B")));
       }},
      {"place_crah",
       [=](const Site& s) {
         return place_cooling_unit(s, cat(), first_hall(s), "crah_250kw", 1.0, 1.0, 90);
       }},
      {"set_property",
       [](const Site& s) {
         return set_property(s, cat(), {s.racks.id[4]}, "power_override_w", PropValue(100e3));
       }},
      {"set_hall_property",
       [=](const Site& s) {
         return set_property(s, cat(), {first_hall(s)}, "containment",
                             PropValue(std::string("cold_aisle")));
       }},
      {"paste_rows",
       [=](const Site& s) {
         // A copy of the first row placed after the last one (2 pitches of 2.4 m below the
         // hall's far wall is outside: paste into the aisle-free strip at the start instead).
         const auto rows = rows_in(s, first_hall(s));
         const auto clip = copy_rows(s, {rows.front()});
         const Row* last = nullptr;
         for (const auto& r : s.rows)
           if (r.id == rows.back()) last = &r;
         return paste_rows(s, cat(), clip, 0, last->y_m + 2.4 - clip.front().row.y_m);
       }},
      {"align_left",
       [](const Site& s) {
         return align(s, cat(), {s.racks.id[0], s.racks.id[11], s.racks.id[22]}, Align::Left);
       }},
      {"align_top",
       [](const Site& s) {
         return align(s, cat(), {s.racks.id[0], s.racks.id[20]}, Align::Top);
       }},
      {"distribute",
       [](const Site& s) {
         return distribute(s, {s.racks.id[0], s.racks.id[1], s.racks.id[5]}, Axis::X);
       }},
  };
}

std::set<Id> all_ids(const Site& s, std::size_t* count) {
  std::set<Id> ids;
  std::size_t n = 0;
  auto see = [&](Id id) {
    ids.insert(id);
    ++n;
  };
  for (const auto& x : s.buildings) see(x.id);
  for (const auto& x : s.halls) see(x.id);
  for (const auto& x : s.rows) see(x.id);
  for (Id id : s.racks.id) see(id);
  for (const auto& x : s.elec_nodes) see(x.id);
  for (const auto& x : s.elec_edges) see(x.id);
  for (const auto& x : s.cooling) see(x.id);
  for (const auto& x : s.groups) see(x.id);
  *count = n;
  return ids;
}

std::multiset<std::string> error_codes(const Site& s) {
  std::multiset<std::string> out;
  for (const auto& p : validate(s, cat()))
    if (p.severity == Severity::Error) out.insert(p.code + ":" + std::to_string(p.entity));
  return out;
}

}  // namespace

class TstEdit : public QObject {
  Q_OBJECT
 private slots:
  void roundTrip_data() {
    QTest::addColumn<QString>("tpl");
    QTest::addColumn<int>("which");
    const auto cmds = all_commands();
    for (const char* t : {"small", "hall"})
      for (std::size_t k = 0; k < cmds.size(); ++k)
        QTest::newRow(qPrintable(QString("%1/%2").arg(t, QString::fromStdString(cmds[k].first))))
            << QString(t) << int(k);
  }
  // apply then revert gives the original; apply, revert, apply gives what apply gave; ids stay
  // unique; the command changes something.
  void roundTrip() {
    QFETCH(QString, tpl);
    QFETCH(int, which);
    const Site original = make(tpl.toUtf8().constData());
    Site s = original;
    CommandPtr c = all_commands()[std::size_t(which)].second(s);
    QVERIFY(c);
    QVERIFY(!c->text().empty());
    QCOMPARE(s, original);  // building a command changes nothing
    c->apply(s);
    QVERIFY2(!(s == original), "the command changed nothing");
    const Site applied = s;
    std::size_t n = 0;
    const auto ids = all_ids(s, &n);
    QCOMPARE(ids.size(), n);
    QVERIFY(*ids.begin() > 0);
    c->revert(s);
    QVERIFY(s == original);
    c->apply(s);
    QVERIFY(s == applied);
    c->revert(s);
    QVERIFY(s == original);
  }

  // The gigawatt campus: an AC hall and a DC hall (800 V busways, block-redundant SSTs) each
  // take a new row without new errors; commands revert exactly on a 5,600-rack site. Times
  // are printed for the record, never asserted.
  void gigawatt() {
    QElapsedTimer t;
    t.start();
    Site s = make("gigawatt");
    const qint64 make_ms = t.restart();
    const auto before = error_codes(s);
    const qint64 validate_ms = t.restart();
    const Site original = s;
    const qint64 copy_ms = t.restart();
    qInfo("gigawatt: %zu racks, %zu halls; template %lld ms, validate %lld ms, Site copy %lld ms",
          s.racks.size(), s.halls.size(), make_ms, validate_ms, copy_ms);
    Macro all("several halls");
    for (const Hall& h : s.halls) {
      // One AC hall (first building) and one DC hall (last building).
      if (&h != &s.halls.front() && &h != &s.halls.back()) continue;
      std::string type;  // the hall's rack type
      for (std::size_t i = 0; i < s.racks.size() && type.empty(); ++i)
        if (hall_of(s, s.racks.id[i]) == h.id) type = s.racks.type[i];
      t.restart();
      auto c = add_row(s, cat(), spec_for(h.id, type, 6));
      const qint64 build_ms = t.restart();
      c->apply(s);
      const qint64 apply_ms = t.restart();
      qInfo("gigawatt hall %s (%s): add_row built in %lld ms, applied in %lld ms", h.name.c_str(),
            type.c_str(), build_ms, apply_ms);
      QVERIFY2(command_notes(*c).empty(),
               command_notes(*c).empty() ? "" : command_notes(*c).front().c_str());
      all.add(std::move(c));
    }
    for (const auto& e : error_codes(s)) QVERIFY2(before.count(e), e.c_str());
    // DC racks are single-corded on a DC busway.
    QVERIFY(s.racks.feed_b.back() == kNoId && s.racks.feed_a.back() != kNoId);
    all.revert(s);
    QVERIFY(s == original);
    t.restart();
    auto del = delete_entities(s, {s.racks.id[100], s.racks.id[5000], s.rows[3].id});
    del->apply(s);
    del->revert(s);
    qInfo("gigawatt: delete + revert of 2 racks and a row in %lld ms", t.elapsed());
    QVERIFY(s == original);
  }

  void addRowValidates_data() {
    QTest::addColumn<QString>("tpl");
    QTest::addColumn<int>("racks");
    QTest::newRow("small, full row") << "small" << 10;
    QTest::newRow("hall, 8 racks") << "hall" << 8;
  }
  // A row added after the last one, auto-connected, gives no new validation error.
  void addRowValidates() {
    QFETCH(QString, tpl);
    QFETCH(int, racks);
    Site s = make(tpl.toUtf8().constData());
    const auto before = error_codes(s);
    const std::size_t n0 = s.racks.size(), rows0 = s.rows.size();
    auto c = add_row(s, cat(), spec_for(s.halls.front().id, s.racks.type[0], racks));
    c->apply(s);
    QCOMPARE(s.racks.size(), n0 + std::size_t(racks));
    QCOMPARE(s.rows.size(), rows0 + 1);
    QVERIFY2(command_notes(*c).empty(),
             command_notes(*c).empty() ? "" : command_notes(*c).front().c_str());
    const auto after = error_codes(s);
    for (const auto& e : after) QVERIFY2(before.count(e), qPrintable(QString::fromStdString(e)));
    // The new racks are connected on both cords to a 2N pair, to a CDU and an air unit.
    for (std::size_t i = n0; i < s.racks.size(); ++i) {
      QVERIFY(s.racks.feed_a[i] != kNoId);
      QVERIFY(s.racks.feed_b[i] != kNoId);
      QVERIFY(s.racks.feed_a[i] != s.racks.feed_b[i]);
      QVERIFY(s.racks.cdu_id[i] != kNoId);
      QVERIFY(s.racks.air_unit_id[i] != kNoId);
    }
    // Placed after the last row, on the tile grid, facing the other way.
    const Row& row = s.rows.back();
    const Row& prev = s.rows[s.rows.size() - 2];
    QVERIFY(row.y_m > prev.y_m);
    QCOMPARE(std::fmod(row.orientation_deg - prev.orientation_deg + 360.0, 360.0), 180.0);
    const double tile = s.halls.front().tile_m;
    QVERIFY(std::abs(std::remainder(row.y_m - prev.y_m, tile)) < 1e-9);
    // Fresh ids beyond everything the template had.
    QVERIFY(row.id >= make(tpl.toUtf8().constData()).next_id());
  }

  // A hall with no spare capacity: the racks stand unconnected and the notes say why.
  void addRowTooMuchLoadLeavesNotes() {
    Site s = make("small");
    const std::size_t n0 = s.racks.size();
    // Rubin Ultra takes DC: the small hall's busways are AC.
    auto c = add_row(s, cat(), spec_for(s.halls.front().id, "rubin_ultra_nvl576", 6));
    c->apply(s);
    QCOMPARE(s.racks.size(), n0 + 6);
    QVERIFY(!command_notes(*c).empty());
    QVERIFY(QString::fromStdString(command_notes(*c).front()).contains("DC"));
    QCOMPARE(s.racks.feed_a.back(), kNoId);
  }

  // A row at a given position lands on the tile grid: rack edges on tile lines.
  void addRowAtPositionSnaps() {
    Site s = make("small");
    AddRowSpec spec = spec_for(s.halls.front().id, "cpu_generic", 3);
    spec.x_m = 0.7;
    spec.y_m = 1.35;
    spec.orientation_deg = 0;
    add_row(s, cat(), spec)->apply(s);
    const double t = s.halls.front().tile_m;
    auto on_grid = [t](double v) { return std::abs(std::remainder(v, t)) < 1e-9; };
    QCOMPARE(s.rows.back().x_m, 0.6);
    for (std::size_t i = s.racks.size() - 3; i < s.racks.size(); ++i) {
      const Box b = rack_box(s, i, cat());
      QVERIFY(on_grid(b.x0) && on_grid(b.x1) && on_grid(b.y0) && on_grid(b.y1));
    }
    // Along y (90 degrees): the same.
    spec.orientation_deg = 90;
    spec.x_m = 1.0;
    spec.y_m = 5.1;
    add_row(s, cat(), spec)->apply(s);
    for (std::size_t i = s.racks.size() - 3; i < s.racks.size(); ++i) {
      const Box b = rack_box(s, i, cat());
      QVERIFY(on_grid(b.x0) && on_grid(b.x1) && on_grid(b.y0) && on_grid(b.y1));
      QCOMPARE(s.racks.orientation_deg[i], 90.0);
    }
  }

  void addRowOutsideHallRefused() {
    const Site s = make("small");
    AddRowSpec spec = spec_for(s.halls.front().id, "gb200_nvl72", 40);  // 24 m row in a 12 m hall
    try {
      (void)add_row(s, cat(), spec);
      QFAIL("expected EditError");
    } catch (const EditError& e) {
      QVERIFY2(QString(e.what()).contains("outside"), e.what());
    }
    spec.racks = 4;
    spec.x_m = 3.0;
    spec.y_m = 3.6;  // on the first row
    QVERIFY_THROWS_EXCEPTION(EditError, (void)add_row(s, cat(), spec));
  }

  // Deleting a rack that is fed and cooled leaves no reference to it anywhere, and deleting a
  // CDU clears the racks' references to it and removes it from its groups.
  void deleteLeavesNoDanglingReference() {
    Site s = make("small");
    const auto before = error_codes(s);
    QVERIFY(s.racks.feed_a[7] != kNoId && s.racks.cdu_id[7] != kNoId);
    const Id gone = s.racks.id[7];
    delete_entities(s, {gone})->apply(s);
    QCOMPARE(rack_index(s, gone), std::size_t(-1));
    for (const auto& e : error_codes(s)) QVERIFY2(before.count(e), e.c_str());

    Id cdu = kNoId;
    for (const auto& c : s.cooling)
      if (c.kind == CoolKind::Cdu) cdu = c.id;
    const Id fw = [&] {
      for (const auto& c : s.cooling)
        if (c.kind == CoolKind::FanWall) return c.id;
      return kNoId;
    }();
    delete_entities(s, {cdu, fw})->apply(s);
    for (std::size_t i = 0; i < s.racks.size(); ++i) {
      QVERIFY(s.racks.cdu_id[i] != cdu);
      QVERIFY(s.racks.air_unit_id[i] != fw);
    }
    for (const auto& g : s.groups)
      for (Id m : g.members) QVERIFY(m != cdu && m != fw);
    for (const auto& p : validate(s, cat()))
      QVERIFY2(p.code.find("dangling") == std::string::npos && p.code != "rack.bad_cdu" &&
                   p.code != "rack.bad_air",
               p.message.c_str());
  }

  // The RackTable order is restored exactly, not just the set of racks.
  void deleteRevertKeepsOrder() {
    Site s = make("hall");
    const Site original = s;
    std::vector<Id> ids;
    for (std::size_t i = 3; i < s.racks.size(); i += 17) ids.push_back(s.racks.id[i]);
    auto c = delete_entities(s, ids);
    c->apply(s);
    QCOMPARE(s.racks.size(), original.racks.size() - ids.size());
    c->revert(s);
    QVERIFY(s.racks.id == original.racks.id);
    QVERIFY(s == original);
  }

  void refusals() {
    const Site s = make("small");
    // Not a rack type.
    try {
      (void)set_rack_type(s, cat(), {s.racks.id[0]}, "cdu_2mw");
      QFAIL("expected EditError");
    } catch (const EditError& e) {
      QVERIFY2(QString(e.what()).contains("not a rack type"), e.what());
    }
    // DC rack type on AC cords.
    QVERIFY_THROWS_EXCEPTION(EditError,
                             (void)set_rack_type(s, cat(), {s.racks.id[0]}, "vr_nvl72_800vdc"));
    // A feed that is not a busway or PDU.
    QVERIFY_THROWS_EXCEPTION(
        EditError, (void)connect_feed(s, cat(), {s.racks.id[0]}, Cord::A, s.elec_nodes.front().id));
    // Out-of-range and malformed properties name the field and the range.
    try {
      (void)set_property(s, cat(), {s.racks.id[0]}, "x_m", PropValue(-5.0));
      QFAIL("expected EditError");
    } catch (const EditError& e) {
      QVERIFY2(QString(e.what()).contains("must lie in"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(EditError, (void)set_property(s, cat(), {s.racks.id[0]},
                                                           "orientation_deg", PropValue(45.0)));
    QVERIFY_THROWS_EXCEPTION(EditError, (void)set_property(s, cat(), {s.racks.id[0]}, "type",
                                                           PropValue(std::string("nope"))));
    QVERIFY_THROWS_EXCEPTION(EditError, (void)set_property(s, cat(), {s.halls[0].id}, "containment",
                                                           PropValue(std::string("open"))));
    QVERIFY_THROWS_EXCEPTION(EditError, (void)set_property(s, cat(), {s.racks.id[0], s.rows[0].id},
                                                           "name", PropValue(std::string("x"))));
    QVERIFY_THROWS_EXCEPTION(EditError, (void)delete_entities(s, {s.elec_nodes.front().id}));
    QVERIFY_THROWS_EXCEPTION(EditError, (void)move_entities(s, {s.buildings.front().id}, 1, 0));
    QVERIFY_THROWS_EXCEPTION(
        EditError, (void)place_cooling_unit(s, cat(), s.halls[0].id, "crah_250kw", -1, 1));
    // A cleared optional is fine, a required one is not.
    (void)set_property(s, cat(), {s.racks.id[0]}, "power_override_w", PropValue());
    QVERIFY_THROWS_EXCEPTION(EditError,
                             (void)set_property(s, cat(), {s.racks.id[0]}, "x_m", PropValue()));
  }

  // Multi-selection edits set a shared field on every rack, in one command.
  void multiSelectionProperty() {
    Site s = make("small");
    const Site original = s;
    auto c = set_property(s, cat(), {s.racks.id[0], s.racks.id[1], s.racks.id[2]}, "type",
                          PropValue(std::string("gb300_nvl72")));
    c->apply(s);
    for (int i = 0; i < 3; ++i) QCOMPARE(s.racks.type[std::size_t(i)], std::string("gb300_nvl72"));
    QCOMPARE(s.racks.type[3], std::string("gb200_nvl72"));
    c->revert(s);
    QVERIFY(s == original);
    // Properties list typed editors with units and candidates.
    const auto props = entity_properties(s, cat(), s.racks.id[0]);
    bool saw_feed = false;
    for (const auto& p : props) {
      if (p.name == "power_override_w") QCOMPARE(p.display_unit, std::string("kW"));
      if (p.name == "feed_a") {
        saw_feed = true;
        QVERIFY(p.choice_ids.size() > 2);
      }
    }
    QVERIFY(saw_feed);
    QCOMPARE(std::get<std::string>(get_property(s, s.racks.id[0], "type")),
             std::string("gb200_nvl72"));
  }

  // Successive moves of the same racks fold into one command (a drag = one undo step).
  void movesMerge() {
    Site s = make("small");
    const Site original = s;
    const std::vector<Id> ids{s.racks.id[0], s.racks.id[1]};
    auto first = move_entities(s, ids, 0.6, 0);
    first->apply(s);
    auto second = move_entities(s, ids, 0.6, 1.2);
    second->apply(s);
    const Site moved = s;
    QCOMPARE(first->merge_id(), kMergeMove);
    QVERIFY(first->merge_with(*second));
    first->revert(s);
    QVERIFY(s == original);
    first->apply(s);
    QVERIFY(s == moved);
    QCOMPARE(s.racks.x_m[0], original.racks.x_m[0] + 1.2);
    // Different racks do not merge.
    auto other = move_entities(s, {s.racks.id[2]}, 0.6, 0);
    QVERIFY(!first->merge_with(*other));
  }

  void alignAndDistribute() {
    Site s = make("small");
    // Racks 0 (row 1), 11 and 22 (rows 2 and 3) at different x: align left puts their left
    // edges on the smallest.
    const std::vector<Id> ids{s.racks.id[0], s.racks.id[11], s.racks.id[22]};
    align(s, cat(), ids, Align::Left)->apply(s);
    const double x0 = rack_box(s, 0, cat()).x0;
    QCOMPARE(rack_box(s, 11, cat()).x0, x0);
    QCOMPARE(rack_box(s, 22, cat()).x0, x0);
    // Distribute: the middle one lands half way between the outer ones.
    Site t = make("small");
    move_entities(t, {t.racks.id[1]}, 1.0, 0)->apply(t);  // now x1 - x0 = 1.6, x5 - x1 = 1.4
    auto d = distribute(t, {t.racks.id[0], t.racks.id[1], t.racks.id[5]}, Axis::X);
    d->apply(t);
    QVERIFY(std::abs((t.racks.x_m[1] - t.racks.x_m[0]) - (t.racks.x_m[5] - t.racks.x_m[1])) <
            1e-12);
  }

  // Cooling units' motor feeds: shown and edited as a rack's cords, connected by a command that
  // refuses what cannot feed them (with the fix), undone exactly.
  void coolingFeeds() {
    Site s = make("small");
    auto first = [&](auto pred) {
      for (const auto& c : s.cooling)
        if (pred(c)) return c.id;
      return kNoId;
    };
    auto node = [&](ElecKind k, const char* side) {
      for (const auto& n : s.elec_nodes)
        if (n.kind == k && n.side == side) return n.id;
      return kNoId;
    };
    auto unit = [&](Id id) -> const CoolingUnit& {
      for (const auto& c : s.cooling)
        if (c.id == id) return c;
      throw std::logic_error("no unit");
    };
    const Id cdu = first([](const CoolingUnit& c) { return c.kind == CoolKind::Cdu; });
    const Id chiller = first([](const CoolingUnit& c) { return c.kind == CoolKind::Chiller; });
    const Id loop = first([](const CoolingUnit& c) { return c.kind == CoolKind::WaterLoop; });
    const Id tank = first([](const CoolingUnit& c) { return c.kind == CoolKind::StorageTank; });
    const Id sb_a = node(ElecKind::LvSwitchboard, "A"), sb_b = node(ElecKind::LvSwitchboard, "B");
    const Id ups = node(ElecKind::Ups, "A");
    QVERIFY(cdu && chiller && loop && tank && sb_a && sb_b && ups);
    // A mechanical board at building level, as the catalog's MCC.
    const Id mcc = s.next_id();
    s.elec_nodes.push_back({mcc, ElecKind::MechanicalBoard, "B1-MCC01", "mcc_415v_4000a",
                            s.buildings.front().id, kNoId, 2.8e6, 415, false, "A"});
    // The template feeds its powered units from both sides; start here from an unfed CDU and
    // chiller, as a user who has just placed them.
    for (auto& c : s.cooling)
      if (c.id == cdu || c.id == chiller) {
        QVERIFY(c.feed_a != kNoId && c.feed_b != kNoId && c.feed_a != c.feed_b);
        c.feed_a = c.feed_b = kNoId;
      }
    const Site original = s;

    // Properties: a powered unit has A and B feeds listing exactly the AC nodes that may feed
    // it; a water loop and a tank have none.
    const auto props = entity_properties(s, cat(), cdu);
    const PropertyInfo* fa = nullptr;
    for (const auto& p : props)
      if (p.name == "feed_a") fa = &p;
    QVERIFY(fa);
    QCOMPARE(fa->kind, PropKind::Reference);
    QCOMPARE(fa->label, std::string("A feed"));
    QCOMPARE(fa->choice_ids.front(), kNoId);
    QCOMPARE(fa->choice_ids.size(), cooling_feed_candidates(s, cdu).size() + 1);
    std::size_t boards = 0;
    for (std::size_t k = 1; k < fa->choice_ids.size(); ++k) {
      const Id id = fa->choice_ids[k];
      const ElecNode* n = nullptr;
      for (const auto& x : s.elec_nodes)
        if (x.id == id) n = &x;
      QVERIFY(n && is_cooling_feed(n->kind) && !n->dc);
      boards += n->kind == ElecKind::MechanicalBoard;
    }
    // Every mechanical board of the site is offered: the template's own and the one added here.
    const auto site_boards = std::count_if(
        s.elec_nodes.begin(), s.elec_nodes.end(),
        [](const ElecNode& n) { return n.kind == ElecKind::MechanicalBoard && !n.dc; });
    QVERIFY(site_boards >= 2);
    QCOMPARE(boards, std::size_t(site_boards));
    QVERIFY(std::count(fa->choice_ids.begin(), fa->choice_ids.end(), mcc) == 1);
    QVERIFY(std::count(fa->choice_ids.begin(), fa->choice_ids.end(), sb_a) == 1);
    QVERIFY(std::count(fa->choice_ids.begin(), fa->choice_ids.end(), ups) == 0);
    for (Id id : {loop, tank}) {
      for (const auto& p : entity_properties(s, cat(), id))
        QVERIFY2(p.name != "feed_a" && p.name != "feed_b", p.name.c_str());
      QVERIFY(cooling_feed_candidates(s, id).empty());
    }
    QCOMPARE(std::get<Id>(get_property(s, cdu, "feed_a")), kNoId);

    // The command: two units at once, one undo step, exact revert.
    auto c = connect_cooling_feed(s, {chiller, cdu}, Cord::A, mcc);
    QCOMPARE(c->text(), std::string("Connect 2 cooling units (A) to B1-MCC01"));
    c->apply(s);
    QCOMPARE(unit(chiller).feed_a, mcc);
    QCOMPARE(unit(cdu).feed_a, mcc);
    QCOMPARE(unit(cdu).feed_b, kNoId);
    connect_cooling_feed(s, {cdu}, Cord::B, sb_b)->apply(s);
    QCOMPARE(std::get<Id>(get_property(s, cdu, "feed_b")), sb_b);
    auto off = connect_cooling_feed(s, {chiller}, Cord::A, kNoId);
    QCOMPARE(off->text(), std::string("Disconnect A feeds of 1 cooling unit"));
    off->apply(s);
    QCOMPARE(unit(chiller).feed_a, kNoId);
    off->revert(s);
    QCOMPARE(unit(chiller).feed_a, mcc);

    // The property edit goes through the same checks and gives the same change.
    Site t = original;
    auto prop = set_property(t, cat(), {cdu}, "feed_a", PropValue(mcc));
    prop->apply(t);
    QCOMPARE(std::get<Id>(get_property(t, cdu, "feed_a")), mcc);
    prop->revert(t);
    QVERIFY(t == original);

    // Refusals name the entity and the fix.
    auto refused = [&](const std::function<void()>& f, const char* text) {
      try {
        f();
      } catch (const EditError& e) {
        QVERIFY2(QString(e.what()).contains(text), e.what());
        return;
      }
      QFAIL(qPrintable(QString("no EditError, expected '%1'").arg(text)));
    };
    refused([&] { (void)connect_cooling_feed(s, {cdu}, Cord::A, ups); },
            "cannot feed cooling units: connect them to a mechanical board, LV switchboard, "
            "busway or PDU");
    refused([&] { (void)connect_cooling_feed(s, {cdu}, Cord::A, 999999); },
            "electrical node 999999 does not exist: pick a mechanical board");
    refused([&] { (void)connect_cooling_feed(s, {loop}, Cord::A, mcc); },
            "draws no power and takes no electrical feed");
    refused([&] { (void)connect_cooling_feed(s, {777777}, Cord::B, mcc); },
            "cooling unit 777777 does not exist");
    refused([&] { (void)set_property(s, cat(), {cdu}, "feed_b", PropValue(ups)); },
            "B feed of cdu 'B1-H1-CDU01': ups");
    refused([&] { (void)set_property(s, cat(), {cdu}, "feed_b", PropValue(ups)); },
            "connect them to a mechanical board, LV switchboard, busway or PDU");
    refused([&] { (void)set_property(s, cat(), {cdu}, "feed_a", PropValue(Id{999999})); },
            "A feed of cdu 'B1-H1-CDU01': electrical node 999999 does not exist");
    refused([&] { (void)set_property(s, cat(), {cdu}, "feed_a", PropValue(1.5)); },
            "expects an electrical node");
    refused([&] { (void)set_property(s, cat(), {tank}, "feed_a", PropValue(mcc)); },
            "no editable property 'feed_a'");
    {
      // DC output, another hall, another building.
      Site u = s;
      const Id hall2 = u.next_id(), building2 = hall2 + 1, dc = hall2 + 2, other = hall2 + 3,
               far = hall2 + 4;
      u.buildings.push_back({building2, "B2", 500, 0, 100, 60});
      u.halls.push_back(
          {hall2, u.buildings.front().id, "H2", 0, 40, 20, 20, 5, Containment::HotAisle, 0.6});
      u.elec_nodes.push_back({dc, ElecKind::Busway, "DC-BW", "", u.buildings.front().id,
                              u.halls.front().id, 2e6, 800, true, "A"});
      u.elec_nodes.push_back({other, ElecKind::MechanicalBoard, "H2-MCC", "",
                              u.buildings.front().id, hall2, 2e6, 415, false, ""});
      u.elec_nodes.push_back(
          {far, ElecKind::MechanicalBoard, "B2-MCC", "", building2, kNoId, 2e6, 415, false, ""});
      refused([&] { (void)connect_cooling_feed(u, {cdu}, Cord::A, dc); }, "gives DC");
      refused([&] { (void)connect_cooling_feed(u, {cdu}, Cord::A, other); },
              "serves another hall than cdu");
      refused([&] { (void)connect_cooling_feed(u, {chiller}, Cord::A, far); },
              "stands in another building than chiller");
      // A plant unit (no hall) may take a board of any hall of its building.
      (void)connect_cooling_feed(u, {chiller}, Cord::A, other);
      const auto cand = cooling_feed_candidates(u, cdu);
      for (Id id : {dc, other, far}) QVERIFY(std::count(cand.begin(), cand.end(), id) == 0);
    }

    // Electrical nodes are not deleted by the editor (nothing clears references to them, for
    // racks or cooling units): refused, the units keep their feeds. Deleting a fed CDU and
    // undoing it gives the unit back with its feeds.
    QVERIFY_THROWS_EXCEPTION(EditError, (void)delete_entities(s, {mcc}));
    QCOMPARE(unit(cdu).feed_a, mcc);
    const Site fed = s;
    auto del = delete_entities(s, {cdu});
    del->apply(s);
    del->revert(s);
    QVERIFY(s == fed);
    QCOMPARE(unit(cdu).feed_b, sb_b);

    // A new unit placed in the hall is fed like the hall's first fed unit of its family.
    const Id fw = first([](const CoolingUnit& x) { return x.kind == CoolKind::FanWall; });
    connect_cooling_feed(s, {fw}, Cord::A, sb_a)->apply(s);
    connect_cooling_feed(s, {fw}, Cord::B, sb_b)->apply(s);
    auto place = place_cooling_unit(s, cat(), s.halls.front().id, "crah_250kw", 1.0, 1.0);
    place->apply(s);
    QCOMPARE(s.cooling.back().kind, CoolKind::Crah);
    QCOMPARE(s.cooling.back().feed_a, sb_a);
    QCOMPARE(s.cooling.back().feed_b, sb_b);
    place->revert(s);
    // With no fed unit of its family, it is placed unfed.
    Site v = original;
    for (auto& x : v.cooling)
      if (x.kind == CoolKind::Crah || x.kind == CoolKind::FanWall) x.feed_a = x.feed_b = kNoId;
    place_cooling_unit(v, cat(), v.halls.front().id, "crah_250kw", 1.0, 1.0)->apply(v);
    QCOMPARE(v.cooling.back().feed_a, kNoId);
    QCOMPARE(v.cooling.back().feed_b, kNoId);
  }

  // Paste makes fresh ids, connects the copies where there is room, and the result validates;
  // without auto-connect the copies keep the originals' connections.
  void pasteFreshIds() {
    Site s = make("small");
    const auto before = error_codes(s);
    const Id next = s.next_id();
    const auto clip = copy_rows(s, rows_of(s, {s.racks.id[0]}));
    QCOMPARE(clip.size(), std::size_t(1));
    QCOMPARE(clip.front().racks.size(), std::size_t(10));
    auto c = paste_rows(s, cat(), clip, 0, 0.6 * 4 * 4);  // four row pitches further
    c->apply(s);
    const auto made = created_ids(*c);
    QCOMPARE(made.size(), std::size_t(11));
    for (Id id : made) QVERIFY(id >= next);
    std::size_t n = 0;
    QCOMPARE(all_ids(s, &n).size(), n);
    QVERIFY(command_notes(*c).empty());
    for (std::size_t i = s.racks.size() - 10; i < s.racks.size(); ++i)
      QVERIFY(s.racks.feed_a[i] != kNoId);
    for (const auto& e : error_codes(s)) QVERIFY2(before.count(e), e.c_str());
    c->revert(s);
    auto keep = paste_rows(s, cat(), clip, 0, 0.6 * 4 * 4, kNoId, /*auto_connect=*/false);
    keep->apply(s);
    QCOMPARE(s.racks.feed_a.back(), clip.front().racks.back().feed_a);
    QCOMPARE(s.racks.cdu_id.back(), clip.front().racks.back().cdu_id);
  }
};

QTEST_GUILESS_MAIN(TstEdit)
#include "tst_edit.moc"
