-- A dctwin project file of schema 4, written by hand for tst_project_file (migration v4 -> v5),
-- from project_v3.sql with what schema 4 added: the scenario table (one stored scenario here),
-- and the cooling_unit table as a new schema 4 file has it (volume_m3 without a default). Schema
-- 4 differed from schema 5 in that cooling units had no electrical feeds (cooling_unit.feed_a_id,
-- feed_b_id); the LV switchboard MSB-1 is here so that a test can feed the units after the
-- migration.
-- Keep this file as it is: it stands for files that users already have.
-- Run with: sqlite3 project_v4.dctwin < project_v4.sql
PRAGMA application_id = 1145263191;  -- 0x44435457, "DCTW"
PRAGMA user_version = 4;
BEGIN;
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value
);
CREATE TABLE catalog_source (
  id    TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  url   TEXT NOT NULL,
  date  TEXT NOT NULL
);
CREATE TABLE catalog_item (
  key  TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE catalog_param (
  item_key  TEXT NOT NULL REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  name      TEXT NOT NULL,
  value     REAL NOT NULL,
  source_id TEXT REFERENCES catalog_source (id) DEFERRABLE INITIALLY DEFERRED,
  note      TEXT NOT NULL,
  PRIMARY KEY (item_key, name)
);
CREATE TABLE catalog_curve (
  item_key  TEXT NOT NULL REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  name      TEXT NOT NULL,
  x_name    TEXT NOT NULL,
  y_name    TEXT NOT NULL,
  source_id TEXT REFERENCES catalog_source (id) DEFERRABLE INITIALLY DEFERRED,
  note      TEXT NOT NULL,
  PRIMARY KEY (item_key, name)
);
CREATE TABLE catalog_curve_point (
  item_key    TEXT NOT NULL,
  curve_name  TEXT NOT NULL,
  point_index INTEGER NOT NULL,
  x           REAL,
  y           REAL,
  PRIMARY KEY (item_key, curve_name, point_index),
  FOREIGN KEY (item_key, curve_name) REFERENCES catalog_curve (item_key, name)
    DEFERRABLE INITIALLY DEFERRED,
  CHECK (x IS NOT NULL OR y IS NOT NULL)
);
CREATE TABLE building (
  id      INTEGER PRIMARY KEY,
  ordinal INTEGER NOT NULL UNIQUE,
  name    TEXT NOT NULL,
  x_m     REAL NOT NULL,
  y_m     REAL NOT NULL,
  width_m REAL NOT NULL,
  depth_m REAL NOT NULL
);
CREATE TABLE hall (
  id          INTEGER PRIMARY KEY,
  ordinal     INTEGER NOT NULL UNIQUE,
  building_id INTEGER REFERENCES building (id) DEFERRABLE INITIALLY DEFERRED,
  name        TEXT NOT NULL,
  x_m         REAL NOT NULL,
  y_m         REAL NOT NULL,
  width_m     REAL NOT NULL,
  depth_m     REAL NOT NULL,
  height_m    REAL NOT NULL,
  containment TEXT NOT NULL,
  tile_m      REAL NOT NULL
);
CREATE TABLE hall_row (
  id              INTEGER PRIMARY KEY,
  ordinal         INTEGER NOT NULL UNIQUE,
  hall_id         INTEGER REFERENCES hall (id) DEFERRABLE INITIALLY DEFERRED,
  name            TEXT NOT NULL,
  x_m             REAL NOT NULL,
  y_m             REAL NOT NULL,
  orientation_deg REAL NOT NULL
);
CREATE TABLE elec_node (
  id          INTEGER PRIMARY KEY,
  ordinal     INTEGER NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  building_id INTEGER REFERENCES building (id) DEFERRABLE INITIALLY DEFERRED,
  hall_id     INTEGER REFERENCES hall (id) DEFERRABLE INITIALLY DEFERRED,
  rating_w    REAL NOT NULL,
  voltage_v   REAL NOT NULL,
  dc          INTEGER NOT NULL CHECK (dc IN (0, 1)),
  side        TEXT NOT NULL
);
CREATE TABLE elec_edge (
  id            INTEGER PRIMARY KEY,
  ordinal       INTEGER NOT NULL UNIQUE,
  from_node_id  INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  to_node_id    INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  name          TEXT NOT NULL,
  r_ohm         REAL NOT NULL,
  x_ohm         REAL NOT NULL,
  b_s           REAL NOT NULL,
  rating_w      REAL NOT NULL,
  length_m      REAL NOT NULL,
  normally_open INTEGER NOT NULL CHECK (normally_open IN (0, 1))
);
CREATE INDEX elec_edge_from ON elec_edge (from_node_id);
CREATE INDEX elec_edge_to ON elec_edge (to_node_id);
CREATE TABLE cooling_unit (
  id                INTEGER PRIMARY KEY,
  ordinal           INTEGER NOT NULL UNIQUE,
  kind              TEXT NOT NULL,
  name              TEXT NOT NULL,
  type              TEXT REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  building_id       INTEGER REFERENCES building (id) DEFERRABLE INITIALLY DEFERRED,
  hall_id           INTEGER REFERENCES hall (id) DEFERRABLE INITIALLY DEFERRED,
  x_m               REAL NOT NULL,
  y_m               REAL NOT NULL,
  orientation_deg   REAL NOT NULL,
  capacity_w        REAL NOT NULL,
  airflow_m3_s      REAL NOT NULL,
  supply_temp_c     REAL NOT NULL,
  approach_k        REAL NOT NULL,
  flow_m3_s         REAL NOT NULL,
  loop_id           INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  condenser_loop_id INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  volume_m3         REAL NOT NULL
);
CREATE INDEX cooling_unit_loop ON cooling_unit (loop_id);
CREATE INDEX cooling_unit_condenser_loop ON cooling_unit (condenser_loop_id);
CREATE TABLE rack (
  id               INTEGER PRIMARY KEY,
  ordinal          INTEGER NOT NULL UNIQUE,
  row_id           INTEGER REFERENCES hall_row (id) DEFERRABLE INITIALLY DEFERRED,
  name             TEXT NOT NULL,
  type             TEXT REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  x_m              REAL NOT NULL,
  y_m              REAL NOT NULL,
  orientation_deg  REAL NOT NULL,
  power_override_w REAL,
  feed_a_id        INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  feed_b_id        INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  cdu_id           INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  air_unit_id      INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX rack_row ON rack (row_id);
CREATE TABLE redundancy_group (
  id                      INTEGER PRIMARY KEY,
  ordinal                 INTEGER NOT NULL UNIQUE,
  name                    TEXT NOT NULL,
  scheme                  TEXT NOT NULL,
  catcher_elec_node_id    INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  catcher_cooling_unit_id INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  CHECK (catcher_elec_node_id IS NULL OR catcher_cooling_unit_id IS NULL)
);
CREATE TABLE redundancy_member (
  group_id        INTEGER NOT NULL REFERENCES redundancy_group (id) DEFERRABLE INITIALLY DEFERRED,
  ordinal         INTEGER NOT NULL,
  elec_node_id    INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  cooling_unit_id INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (group_id, ordinal),
  CHECK ((elec_node_id IS NULL) <> (cooling_unit_id IS NULL))
);
CREATE TABLE scenario (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT NOT NULL UNIQUE,
  description          TEXT NOT NULL,
  horizon_s            REAL NOT NULL,
  step_s               REAL NOT NULL,
  load_kind            TEXT NOT NULL,
  load_mean            REAL NOT NULL,
  load_amplitude       REAL NOT NULL,
  weather_kind         TEXT NOT NULL,
  weather_source       TEXT NOT NULL,
  dry_bulb_c           REAL,
  wet_bulb_c           REAL,
  smoothing            INTEGER NOT NULL,
  battery_power_w      REAL,
  battery_energy_wh    REAL,
  battery_ramp_w_per_s REAL,
  params_json          TEXT NOT NULL
);

INSERT INTO meta (key, value) VALUES
  ('format', 'dctwin-project'),
  ('app', 'dctwin'),
  ('site.name', 'Tiny v4 site'),
  ('location.latitude_deg', 52.5),
  ('location.longitude_deg', 13.25),
  ('location.elevation_m', 34.0),
  ('grid.poi_voltage_v', 110000.0),
  ('grid.short_circuit_va', 2500000000.0),
  ('grid.x_over_r', 10.0),
  ('grid.contracted_import_w', 2000000.0),
  ('grid.ramp_limit_w_per_s', 200000.0),
  ('design.dry_bulb_c', 36.5),
  ('design.wet_bulb_c', NULL);

INSERT INTO catalog_source (id, title, url, date) VALUES
  ('estimate', 'Engineering estimate', '', '2024');
INSERT INTO catalog_item (key, kind, name) VALUES
  ('rack_test', 'rack', 'Test rack'),
  ('busway_test', 'busway', 'Test busway'),
  ('cdu_test', 'cdu', 'Test CDU'),
  ('drycooler_test', 'dry_cooler', 'Test dry cooler'),
  ('pump_test', 'pump', 'Test pump');
INSERT INTO catalog_param (item_key, name, value, source_id, note) VALUES
  ('rack_test', 'nameplate_w', 132000.0, 'estimate', ''),
  ('rack_test', 'liquid_fraction', 0.85, 'estimate', 'share of heat to liquid'),
  ('busway_test', 'rating_w', 800000.0, 'estimate', ''),
  ('cdu_test', 'capacity_w', 1000000.0, NULL, '');
INSERT INTO catalog_curve (item_key, name, x_name, y_name, source_id, note) VALUES
  ('cdu_test', 'pump_power', 'flow_frac', 'power_frac', 'estimate', 'cube law');
INSERT INTO catalog_curve_point (item_key, curve_name, point_index, x, y) VALUES
  ('cdu_test', 'pump_power', 0, 0.0, 0.0),
  ('cdu_test', 'pump_power', 1, 0.5, 0.125),
  ('cdu_test', 'pump_power', 2, 1.0, 1.0);

INSERT INTO building (id, ordinal, name, x_m, y_m, width_m, depth_m) VALUES
  (1, 0, 'B1', 0.0, 0.0, 40.0, 30.0);
INSERT INTO hall (id, ordinal, building_id, name, x_m, y_m, width_m, depth_m, height_m,
                  containment, tile_m) VALUES
  (2, 0, 1, 'Hall 1', 2.0, 2.0, 20.0, 12.0, 4.5, 'hot_aisle', 0.6);
INSERT INTO hall_row (id, ordinal, hall_id, name, x_m, y_m, orientation_deg) VALUES
  (3, 0, 2, 'Row A', 1.2, 3.0, 0.0);
INSERT INTO elec_node (id, ordinal, kind, name, type, building_id, hall_id, rating_w, voltage_v,
                       dc, side) VALUES
  (10, 0, 'grid_feed', 'POI', NULL, NULL, NULL, 2000000.0, 110000.0, 0, ''),
  (11, 1, 'busway', 'BW-A', 'busway_test', 1, 2, 800000.0, 415.0, 0, 'A'),
  (12, 2, 'busway', 'BW-B', 'busway_test', 1, 2, 800000.0, 415.0, 0, 'B'),
  (13, 3, 'lv_switchboard', 'MSB-1', NULL, 1, NULL, 1000000.0, 415.0, 0, '');
INSERT INTO elec_edge (id, ordinal, from_node_id, to_node_id, name, r_ohm, x_ohm, b_s, rating_w,
                       length_m, normally_open) VALUES
  (20, 0, 10, 11, 'feed A', 0.01, 0.05, 0.0, 1000000.0, 120.0, 0),
  (21, 1, 10, 12, 'feed B', 0.01, 0.05, 0.0, 1000000.0, 125.0, 1),
  (22, 2, 10, 13, 'mechanical', 0.01, 0.05, 0.0, 1000000.0, 60.0, 0);
INSERT INTO cooling_unit (id, ordinal, kind, name, type, building_id, hall_id, x_m, y_m,
                          orientation_deg, capacity_w, airflow_m3_s, supply_temp_c, approach_k,
                          flow_m3_s, loop_id, condenser_loop_id, volume_m3) VALUES
  (30, 0, 'water_loop', 'Loop 1', NULL, 1, NULL, 0.0, 0.0, 0.0, 0.0, 0.0, 32.0, 0.0, 0.02,
   NULL, NULL, 12.5),
  (31, 1, 'cdu', 'CDU 1', 'cdu_test', 1, 2, 10.0, 1.0, 0.0, 1000000.0, 0.0, 35.0, 3.0, 0.02,
   30, NULL, 0.0),
  (32, 2, 'dry_cooler', 'DC 1', 'drycooler_test', 1, NULL, 0.0, 0.0, 0.0, 1200000.0, 0.0, 0.0,
   8.0, 0.02, 30, NULL, 0.0),
  (33, 3, 'pump', 'P 1', 'pump_test', 1, NULL, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.025,
   30, NULL, 0.0);
INSERT INTO rack (id, ordinal, row_id, name, type, x_m, y_m, orientation_deg, power_override_w,
                  feed_a_id, feed_b_id, cdu_id, air_unit_id) VALUES
  (40, 0, 3, 'R01', 'rack_test', 1.5, 3.6, 0.0, NULL, 11, 12, 31, NULL),
  (41, 1, 3, 'R02', 'rack_test', 2.1, 3.6, 0.0, 120000.0, 11, NULL, 31, NULL);
INSERT INTO redundancy_group (id, ordinal, name, scheme, catcher_elec_node_id,
                              catcher_cooling_unit_id) VALUES
  (50, 0, 'Busways 2N', '2n', NULL, NULL);
INSERT INTO redundancy_member (group_id, ordinal, elec_node_id, cooling_unit_id) VALUES
  (50, 0, 11, NULL),
  (50, 1, 12, NULL);
INSERT INTO scenario (id, name, description, horizon_s, step_s, load_kind, load_mean,
                      load_amplitude, weather_kind, weather_source, dry_bulb_c, wet_bulb_c,
                      smoothing, battery_power_w, battery_energy_wh, battery_ramp_w_per_s,
                      params_json) VALUES
  (1, 'design-day', 'A day at full load in the design weather', 86400.0, 3600.0, 'constant',
   1.0, 0.0, 'constant', '', 36.5, 24.0, 0, NULL, NULL, NULL, '{}');
COMMIT;
