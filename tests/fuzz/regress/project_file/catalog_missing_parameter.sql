PRAGMA user_version = 4;
PRAGMA application_id = 1145263191;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value
);
INSERT INTO meta VALUES('format','dctwin-project');
INSERT INTO meta VALUES('app','dctwin');
INSERT INTO meta VALUES('site.name','Small AI hall');
INSERT INTO meta VALUES('location.latitude_deg',53.350000000000001422);
INSERT INTO meta VALUES('location.longitude_deg',-6.2599999999999997868);
INSERT INTO meta VALUES('location.elevation_m',20.0);
INSERT INTO meta VALUES('grid.poi_voltage_v',34500.0);
INSERT INTO meta VALUES('grid.short_circuit_va',500000000.0);
INSERT INTO meta VALUES('grid.x_over_r',8.0);
INSERT INTO meta VALUES('grid.contracted_import_w',8000000.0);
INSERT INTO meta VALUES('grid.ramp_limit_w_per_s',83333.333333333328481);
INSERT INTO meta VALUES('design.dry_bulb_c',22.60000000000000142);
INSERT INTO meta VALUES('design.wet_bulb_c',17.399999999999998578);
CREATE TABLE catalog_source (
  id    TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  url   TEXT NOT NULL,
  date  TEXT NOT NULL
);
INSERT INTO catalog_source VALUES('80plus-titanium','CLEAResult 80 PLUS program, Titanium level for 230 V internal redundant PSUs (90/94/96/94 % at 10/20/50/100 % load)','https://www.clearesult.com/80plus/program-details','2023-01');
INSERT INTO catalog_source VALUES('ashrae-901-chillers','ASHRAE 90.1-2022 Table 6.8.1-3 and AHRI 550/590: water-cooled centrifugal chillers >= 600 tons, COP about 6.3 full load; IPLV part-load weighting','https://www.ashrae.org/technical-resources/bookstore/standard-90-1','2022');
INSERT INTO catalog_source VALUES('ashrae-tg-2021','ASHRAE TC 9.9, Thermal Guidelines for Data Processing Environments, 5th edition (air heat transport, rack temperature rise 10 to 15 K)','https://www.ashrae.org/technical-resources/bookstore/datacom-series','2021');
INSERT INTO catalog_source VALUES('busway-typical','Busway manufacturer data (e.g. Siemens SIVACON 8PS LI, Schneider Canalis KT): 4,000 A aluminium, R about 0.015 mOhm/m, X about 0.010 mOhm/m per phase (check)','https://www.siemens.com/','2023');
INSERT INTO catalog_source VALUES('chiller-lift','Chiller performance versus condenser water temperature: about 2 to 3 % less power per K colder condenser water (e.g. ASHRAE Handbook HVAC Systems and Equipment, ch. 43)','https://www.ashrae.org/technical-resources/ashrae-handbook','2020');
INSERT INTO catalog_source VALUES('cti-towers','Cooling Technology Institute / ASHRAE Handbook ch. 40: tower approach 3 to 4 K, evaporation about 1.5 l per kWh rejected, drift eliminators about 0.005 % of circulating flow','https://www.coolingtechnology.org/','2020');
INSERT INTO catalog_source VALUES('dctwin-estimate','dctwin engineering estimate where no public figure exists; replace with vendor data for a real project','','2026-11-29');
INSERT INTO catalog_source VALUES('dry-cooler-typical','Dry cooler manufacturer data (e.g. Guntner, Alfa Laval): approach to dry-bulb 5 to 10 K, fan power about 1 to 2 % of heat rejected (check)','https://www.guntner.com/','2023');
INSERT INTO catalog_source VALUES('energystar-ups','ENERGY STAR Program Requirements for Uninterruptible Power Supplies, Version 2.0 (efficiency by load, double conversion 94 to 96 %)','https://www.energystar.gov/products/uninterruptible_power_supplies','2019-01');
INSERT INTO catalog_source VALUES('fanwall-typical','Fan-wall and CRAH manufacturer data (e.g. Vertiv Liebert, Schneider Uniflair): capacity, airflow at 12 K rise, EC fan power (check)','https://www.vertiv.com/','2024');
INSERT INTO catalog_source VALUES('google-deschutes','Google, Project Deschutes CDU contributed to OCP: 2 MW, 3 K approach, pumps 3.7 % of load','https://www.opencompute.org/','2025-04');
INSERT INTO catalog_source VALUES('ieee-c37-20-2','IEEE Std C37.20.2, metal-clad switchgear: 38 kV class, continuous ratings 1,200 to 3,000 A','https://standards.ieee.org/','2022');
INSERT INTO catalog_source VALUES('ieee-c57-doe','IEEE Std C57.12.00 and US DOE 10 CFR 431.196 (2016) efficiency levels: typical no-load and load losses and impedances of power and distribution transformers','https://www.ecfr.gov/current/title-10/chapter-II/subchapter-D/part-431/subpart-K','2016-01-01');
INSERT INTO catalog_source VALUES('mgx-rack','NVIDIA MGX / OCP ORv3 rack dimensions (600 mm wide, about 1,200 mm deep, 48U)','https://www.opencompute.org/','2024');
INSERT INTO catalog_source VALUES('mv-cable-typical','Typical 35 kV XLPE cable circuits (2 x 1000 kcmil Cu per phase in duct): ampacity, R, X and charging per IEC 60287 / NEC Table 311.60 (check)','https://www.nfpa.org/codes-and-standards/nfpa-70-standard-development/70','2023');
INSERT INTO catalog_source VALUES('nfpa110-genset','NFPA 110 Type 10 (start within 10 s) and diesel genset datasheets (e.g. Cat 3516E, 3 MW): fuel about 0.27 l/kWh, derate 20 to 25 %','https://www.nfpa.org/codes-and-standards/nfpa-110-standard-development/110','2022');
INSERT INTO catalog_source VALUES('nfpa70-continuous','NFPA 70 (NEC) 215.2 and 368: continuous loads at most 80 % of the rating of busways and feeders','https://www.nfpa.org/codes-and-standards/nfpa-70-standard-development/70','2023');
INSERT INTO catalog_source VALUES('nvidia-800vdc','NVIDIA Technical Blog and OCP 2025 white paper, 800 VDC Architecture for Next-Generation AI Factories (Kyber, about 600 kW racks, 800 V DC)','https://developer.nvidia.com/blog/nvidia-800-v-hvdc-architecture-will-power-the-next-generation-of-ai-factories/','2025-10');
INSERT INTO catalog_source VALUES('nvidia-gb200-nvl72','NVIDIA GB200 NVL72 product page and DGX GB200 user guide (rack power, 8 power shelves)','https://www.nvidia.com/en-us/data-center/gb200-nvl72/','2024-03');
INSERT INTO catalog_source VALUES('nvidia-gb300-simready','NVIDIA Omniverse DSX blueprint, SimReady AI-factory asset template for GB300 NVL72 (nameplate 136 kW, EDPP 240 kW, ramp 20 W/s per GPU, smoothing floor 90 %; check)','https://docs.omniverse.nvidia.com/','2025-10');
INSERT INTO catalog_source VALUES('nvidia-gb300-smoothing','NVIDIA Technical Blog, How New GB300 NVL72 Features Provide Steady Power for AI (power smoothing: floor, ramp limits, energy storage)','https://developer.nvidia.com/blog/','2025-09');
INSERT INTO catalog_source VALUES('nvidia-vera-rubin','NVIDIA GTC 2025 keynote and Vera Rubin NVL144 announcements; trade-press figures of 190 kW (Max-Q) to 230 kW (Max-P), fanless, 45 C supply (check)','https://www.nvidia.com/gtc/','2025-03');
INSERT INTO catalog_source VALUES('ocp-orv3-psu','Open Compute Project, Open Rack V3 Power Shelf and PSU specification (97.5 % peak efficiency class)','https://www.opencompute.org/wiki/Open_Rack/SpecsAndDesigns','2022-10');
INSERT INTO catalog_source VALUES('pump-typical','Split-case centrifugal pumps for facility water (e.g. Grundfos, Armstrong): 0.5 m3/s at 300 kPa, about 85 % efficiency (check)','https://www.grundfos.com/','2023');
INSERT INTO catalog_source VALUES('semianalysis-gb200','SemiAnalysis, GB200 Hardware Architecture: Component Supply Chain and BOM (rack power, liquid share; second-hand, check)','https://semianalysis.com/2024/07/17/gb200-hardware-architecture-and-component/','2024-07-17');
INSERT INTO catalog_source VALUES('tesla-megapack','Tesla Megapack 2 XL datasheet: 1.9 MW / 7.7 MWh per unit','https://www.tesla.com/megapack','2024');
INSERT INTO catalog_source VALUES('ups-block-typical','Large static UPS modules (e.g. Vertiv Liebert EXL S1, Schneider Galaxy VXL): blocks of about 2.5 to 3 MW with about 5 minutes of battery (check)','https://www.vertiv.com/','2024');
CREATE TABLE catalog_item (
  key  TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL
);
INSERT INTO catalog_item VALUES('bess_megapack_2xl','battery','Battery storage unit (Megapack 2 XL class)');
INSERT INTO catalog_item VALUES('busway_415v_4000a','busway','Busway 415 V AC, 4,000 A aluminium');
INSERT INTO catalog_item VALUES('busway_800vdc_5000a','busway','Busway 800 V DC, 5,000 A');
INSERT INTO catalog_item VALUES('cdu_2mw','cdu','Coolant distribution unit 2 MW (liquid to liquid)');
INSERT INTO catalog_item VALUES('chiller_wc_centrifugal_3p5mw','chiller','Water-cooled centrifugal chiller 3.5 MW (1,000 RT)');
INSERT INTO catalog_item VALUES('cooling_tower_cell_7mw','cooling_tower','Cooling tower cell 7 MW (induced draft)');
INSERT INTO catalog_item VALUES('cpu_generic','rack','Generic CPU rack (air cooled)');
INSERT INTO catalog_item VALUES('crah_250kw','crah','CRAH 250 kW (chilled water)');
INSERT INTO catalog_item VALUES('dry_cooler_2mw','dry_cooler','Dry cooler 2 MW');
INSERT INTO catalog_item VALUES('fanwall_500kw','fan_wall','Fan wall 500 kW (chilled water coil)');
INSERT INTO catalog_item VALUES('gb200_nvl72','rack','NVIDIA GB200 NVL72');
INSERT INTO catalog_item VALUES('gb300_nvl72','rack','NVIDIA GB300 NVL72');
INSERT INTO catalog_item VALUES('genset_diesel_3mw','generator','Diesel genset 3 MW with MV step-up');
INSERT INTO catalog_item VALUES('hv_mv_xfmr_138kv_80mva','hv_mv_transformer','HV/MV transformer 138/34.5 kV 80 MVA');
INSERT INTO catalog_item VALUES('hv_mv_xfmr_345kv_240mva','hv_mv_transformer','HV/MV transformer 345/34.5 kV 240 MVA');
INSERT INTO catalog_item VALUES('lvsb_415v_6000a','lv_switchboard','LV switchboard 415 V, 6,000 A');
INSERT INTO catalog_item VALUES('mv_cable_34p5kv_1000a','mv_cable','MV cable circuit 34.5 kV, 1,000 A');
INSERT INTO catalog_item VALUES('mv_swgr_34p5kv_3000a','mv_switchgear','MV switchgear 38 kV class, 3,000 A');
INSERT INTO catalog_item VALUES('network_generic','rack','Generic network rack (air cooled)');
INSERT INTO catalog_item VALUES('pdu_415v_300kva','pdu','Power distribution unit 415 V, 300 kVA');
INSERT INTO catalog_item VALUES('pump_facility_0p5m3s','pump','Facility water pump 0.5 m3/s');
INSERT INTO catalog_item VALUES('rectifier_415v_800vdc_1mw','rectifier','Rectifier 415 V AC to 800 V DC, 1 MW');
INSERT INTO catalog_item VALUES('rubin_ultra_nvl576','rack','NVIDIA Rubin Ultra NVL576 (Kyber)');
INSERT INTO catalog_item VALUES('sst_34p5kv_800vdc_4mw','solid_state_transformer','Solid-state transformer 34.5 kV AC to 800 V DC, 4 MW');
INSERT INTO catalog_item VALUES('storage_generic','rack','Generic storage rack (air cooled)');
INSERT INTO catalog_item VALUES('ups_3mw_415v','ups','Static UPS block 3 MW, 415 V, double conversion');
INSERT INTO catalog_item VALUES('uss_34p5kv_415v_3p5mva','unit_substation','Unit substation 34.5 kV/415 V 3.5 MVA');
INSERT INTO catalog_item VALUES('vr_nvl144','rack','NVIDIA Vera Rubin NVL144');
CREATE TABLE catalog_param (
  item_key  TEXT NOT NULL REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  name      TEXT NOT NULL,
  value     REAL NOT NULL,
  source_id TEXT REFERENCES catalog_source (id) DEFERRABLE INITIALLY DEFERRED,
  note      TEXT NOT NULL,
  PRIMARY KEY (item_key, name)
);
INSERT INTO catalog_param VALUES('bess_megapack_2xl','energy_wh',7708000.0,'tesla-megapack','');
INSERT INTO catalog_param VALUES('bess_megapack_2xl','min_soc_frac',0.050000000000000002775,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('bess_megapack_2xl','power_w',1927000.0,'tesla-megapack','');
INSERT INTO catalog_param VALUES('bess_megapack_2xl','round_trip_efficiency',0.92000000000000003996,'dctwin-estimate','AC round trip (check)');
INSERT INTO catalog_param VALUES('bess_megapack_2xl','voltage_v',34500.0,'dctwin-estimate','with MV step-up');
INSERT INTO catalog_param VALUES('busway_415v_4000a','max_continuous_frac',0.8000000000000000444,'nfpa70-continuous','');
INSERT INTO catalog_param VALUES('busway_415v_4000a','r_ohm_per_km',0.014999999999999999444,'busway-typical','');
INSERT INTO catalog_param VALUES('busway_415v_4000a','rating_a',4000.0,'busway-typical','');
INSERT INTO catalog_param VALUES('busway_415v_4000a','voltage_v',415.0,'busway-typical','');
INSERT INTO catalog_param VALUES('busway_415v_4000a','x_ohm_per_km',0.010000000000000000208,'busway-typical','');
INSERT INTO catalog_param VALUES('busway_800vdc_5000a','max_continuous_frac',0.8000000000000000444,'nfpa70-continuous','');
INSERT INTO catalog_param VALUES('busway_800vdc_5000a','r_ohm_per_km',0.012000000000000000249,'dctwin-estimate','two-conductor copper bus');
INSERT INTO catalog_param VALUES('busway_800vdc_5000a','rating_a',5000.0,'nvidia-800vdc','size: dctwin estimate');
INSERT INTO catalog_param VALUES('busway_800vdc_5000a','voltage_v',800.0,'nvidia-800vdc','');
INSERT INTO catalog_param VALUES('busway_800vdc_5000a','x_ohm_per_km',0.0,'dctwin-estimate','DC');
INSERT INTO catalog_param VALUES('cdu_2mw','approach_k',3.0,'google-deschutes','');
INSERT INTO catalog_param VALUES('cdu_2mw','capacity_w',2000000.0,'google-deschutes','');
INSERT INTO catalog_param VALUES('cdu_2mw','design_delta_t_k',10.0,'ashrae-tg-2021','facility water temperature rise at design');
INSERT INTO catalog_param VALUES('cdu_2mw','pump_power_frac',0.036999999999999998168,'google-deschutes','');
INSERT INTO catalog_param VALUES('cdu_2mw','secondary_volume_m3',0.59999999999999997779,'dctwin-estimate','CDU reservoir, heat exchanger and row manifolds for 2 MW (check)');
INSERT INTO catalog_param VALUES('cdu_2mw','supply_temp_c',32.0,'ashrae-tg-2021','class W32 facility water');
INSERT INTO catalog_param VALUES('chiller_wc_centrifugal_3p5mw','capacity_w',3517000.0,'ashrae-901-chillers','');
INSERT INTO catalog_param VALUES('chiller_wc_centrifugal_3p5mw','cop_change_frac_per_k',0.025000000000000001387,'chiller-lift','power change per K of condenser water');
INSERT INTO catalog_param VALUES('chiller_wc_centrifugal_3p5mw','cop_rated',6.2999999999999998223,'ashrae-901-chillers','');
INSERT INTO catalog_param VALUES('chiller_wc_centrifugal_3p5mw','design_delta_t_k',6.0,'dctwin-estimate','chilled water temperature rise');
INSERT INTO catalog_param VALUES('chiller_wc_centrifugal_3p5mw','economizer_approach_k',2.0,'dctwin-estimate','plate heat exchanger of the waterside economizer (check)');
INSERT INTO catalog_param VALUES('chiller_wc_centrifugal_3p5mw','rated_condenser_temp_c',29.399999999999998578,'ashrae-901-chillers','AHRI entering condenser water');
INSERT INTO catalog_param VALUES('chiller_wc_centrifugal_3p5mw','rated_evaporator_temp_c',18.0,'ashrae-tg-2021','elevated chilled water for fan walls (check)');
INSERT INTO catalog_param VALUES('cooling_tower_cell_7mw','approach_k',3.5,'cti-towers','');
INSERT INTO catalog_param VALUES('cooling_tower_cell_7mw','capacity_w',7000000.0,'cti-towers','');
INSERT INTO catalog_param VALUES('cooling_tower_cell_7mw','cycles_of_concentration',4.0,'cti-towers','blowdown = evaporation / (cycles - 1)');
INSERT INTO catalog_param VALUES('cooling_tower_cell_7mw','drift_frac',5.0000000000000002393e-05,'cti-towers','of circulating flow');
INSERT INTO catalog_param VALUES('cooling_tower_cell_7mw','evaporation_l_per_kwh',1.5,'cti-towers','');
INSERT INTO catalog_param VALUES('cooling_tower_cell_7mw','fan_power_frac',0.0080000000000000001665,'cti-towers','about 0.008 kW per kW rejected (check)');
INSERT INTO catalog_param VALUES('cpu_generic','airflow_m3_s_per_kw',0.069599999999999995203,'ashrae-tg-2021','1 kW / (rho 1.19 kg/m3 * cp 1006 J/(kg K) * dT 12 K)');
INSERT INTO catalog_param VALUES('cpu_generic','coolant_max_supply_temp_c',0.0,'dctwin-estimate','air cooled: no coolant');
INSERT INTO catalog_param VALUES('cpu_generic','dc_input',0.0,'dctwin-estimate','1: 800 V DC input, 0: AC input');
INSERT INTO catalog_param VALUES('cpu_generic','depth_m',1.1999999999999999555,'mgx-rack','');
INSERT INTO catalog_param VALUES('cpu_generic','height_m',2.0,'mgx-rack','');
INSERT INTO catalog_param VALUES('cpu_generic','idle_w',5000.0,'dctwin-estimate','about a quarter of nameplate with GPUs idle');
INSERT INTO catalog_param VALUES('cpu_generic','input_voltage_v',415.0,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('cpu_generic','liquid_fraction',0.0,'ashrae-tg-2021','air cooled');
INSERT INTO catalog_param VALUES('cpu_generic','nameplate_w',15000.0,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('cpu_generic','peak_w',16000.0,'dctwin-estimate','nameplate plus PSU margin');
INSERT INTO catalog_param VALUES('cpu_generic','ramp_down_w_per_s',15000.0,'dctwin-estimate','no smoothing');
INSERT INTO catalog_param VALUES('cpu_generic','ramp_up_w_per_s',15000.0,'dctwin-estimate','no smoothing');
INSERT INTO catalog_param VALUES('cpu_generic','smoothing_floor_frac',0.0,'dctwin-estimate','none');
INSERT INTO catalog_param VALUES('cpu_generic','typical_w',10000.0,'dctwin-estimate','two thirds of nameplate');
INSERT INTO catalog_param VALUES('cpu_generic','width_m',0.59999999999999997779,'mgx-rack','');
INSERT INTO catalog_param VALUES('crah_250kw','airflow_m3_s',17.399999999999998578,'fanwall-typical','capacity / (rho cp 12 K)');
INSERT INTO catalog_param VALUES('crah_250kw','capacity_w',250000.0,'fanwall-typical','');
INSERT INTO catalog_param VALUES('crah_250kw','fan_power_w',3750.0,'fanwall-typical','about 1.5 % of capacity (EC fans)');
INSERT INTO catalog_param VALUES('crah_250kw','supply_temp_c',24.0,'ashrae-tg-2021','inside the recommended 18 to 27 C');
INSERT INTO catalog_param VALUES('dry_cooler_2mw','approach_k',8.0,'dry-cooler-typical','');
INSERT INTO catalog_param VALUES('dry_cooler_2mw','capacity_w',2000000.0,'dry-cooler-typical','');
INSERT INTO catalog_param VALUES('dry_cooler_2mw','fan_power_frac',0.014999999999999999444,'dry-cooler-typical','');
INSERT INTO catalog_param VALUES('fanwall_500kw','airflow_m3_s',34.810000000000002272,'fanwall-typical','capacity / (rho cp 12 K)');
INSERT INTO catalog_param VALUES('fanwall_500kw','capacity_w',500000.0,'fanwall-typical','');
INSERT INTO catalog_param VALUES('fanwall_500kw','fan_power_w',7500.0,'fanwall-typical','about 1.5 % of capacity (EC fans)');
INSERT INTO catalog_param VALUES('fanwall_500kw','supply_temp_c',24.0,'ashrae-tg-2021','inside the recommended 18 to 27 C');
INSERT INTO catalog_param VALUES('gb200_nvl72','airflow_m3_s_per_kw',0.069599999999999995203,'ashrae-tg-2021','1 kW / (rho 1.19 kg/m3 * cp 1006 J/(kg K) * dT 12 K)');
INSERT INTO catalog_param VALUES('gb200_nvl72','coolant_max_supply_temp_c',40.0,'dctwin-estimate','liquid-cooled GPU trays accept facility-class coolant up to about W40 (check)');
INSERT INTO catalog_param VALUES('gb200_nvl72','dc_input',0.0,'nvidia-gb200-nvl72','1: 800 V DC input, 0: AC input');
INSERT INTO catalog_param VALUES('gb200_nvl72','depth_m',1.1999999999999999555,'mgx-rack','');
INSERT INTO catalog_param VALUES('gb200_nvl72','height_m',2.2999999999999998223,'mgx-rack','');
INSERT INTO catalog_param VALUES('gb200_nvl72','idle_w',33000.0,'dctwin-estimate','about a quarter of nameplate with GPUs idle');
INSERT INTO catalog_param VALUES('gb200_nvl72','input_voltage_v',415.0,'nvidia-gb200-nvl72','');
INSERT INTO catalog_param VALUES('gb200_nvl72','liquid_fraction',0.84999999999999997779,'semianalysis-gb200','hybrid: about 85 % to liquid (check)');
INSERT INTO catalog_param VALUES('gb200_nvl72','nameplate_w',132000.0,'nvidia-gb200-nvl72','');
INSERT INTO catalog_param VALUES('gb200_nvl72','peak_w',165000.0,'dctwin-estimate','about 1.25x nameplate for short spikes');
INSERT INTO catalog_param VALUES('gb200_nvl72','ramp_down_w_per_s',132000.0,'dctwin-estimate','no smoothing: full swing within about one second');
INSERT INTO catalog_param VALUES('gb200_nvl72','ramp_up_w_per_s',132000.0,'dctwin-estimate','no smoothing: full swing within about one second');
INSERT INTO catalog_param VALUES('gb200_nvl72','smoothing_floor_frac',0.0,'dctwin-estimate','no power smoothing on GB200');
INSERT INTO catalog_param VALUES('gb200_nvl72','typical_w',120000.0,'semianalysis-gb200','about 120 kW in operation');
INSERT INTO catalog_param VALUES('gb200_nvl72','width_m',0.59999999999999997779,'mgx-rack','');
INSERT INTO catalog_param VALUES('gb300_nvl72','airflow_m3_s_per_kw',0.069599999999999995203,'ashrae-tg-2021','1 kW / (rho 1.19 kg/m3 * cp 1006 J/(kg K) * dT 12 K)');
INSERT INTO catalog_param VALUES('gb300_nvl72','coolant_max_supply_temp_c',40.0,'dctwin-estimate','as GB200 (check)');
INSERT INTO catalog_param VALUES('gb300_nvl72','dc_input',0.0,'nvidia-gb300-simready','1: 800 V DC input, 0: AC input');
INSERT INTO catalog_param VALUES('gb300_nvl72','depth_m',1.1999999999999999555,'mgx-rack','');
INSERT INTO catalog_param VALUES('gb300_nvl72','height_m',2.2999999999999998223,'mgx-rack','');
INSERT INTO catalog_param VALUES('gb300_nvl72','idle_w',34000.0,'dctwin-estimate','about a quarter of nameplate with GPUs idle');
INSERT INTO catalog_param VALUES('gb300_nvl72','input_voltage_v',415.0,'nvidia-gb300-simready','');
INSERT INTO catalog_param VALUES('gb300_nvl72','liquid_fraction',0.84999999999999997779,'semianalysis-gb200','hybrid like GB200: about 85 % to liquid (check)');
INSERT INTO catalog_param VALUES('gb300_nvl72','nameplate_w',136000.0,'nvidia-gb300-simready','');
INSERT INTO catalog_param VALUES('gb300_nvl72','peak_w',240000.0,'nvidia-gb300-simready','EDPP');
INSERT INTO catalog_param VALUES('gb300_nvl72','ramp_down_w_per_s',1440.0,'nvidia-gb300-simready','20 W/s per GPU x 72 GPUs');
INSERT INTO catalog_param VALUES('gb300_nvl72','ramp_up_w_per_s',1440.0,'nvidia-gb300-simready','20 W/s per GPU x 72 GPUs');
INSERT INTO catalog_param VALUES('gb300_nvl72','smoothing_floor_frac',0.9000000000000000222,'nvidia-gb300-simready','power floor 90 % (check)');
INSERT INTO catalog_param VALUES('gb300_nvl72','typical_w',125000.0,'nvidia-gb300-simready','120 to 140 kW in operation');
INSERT INTO catalog_param VALUES('gb300_nvl72','width_m',0.59999999999999997779,'mgx-rack','');
INSERT INTO catalog_param VALUES('genset_diesel_3mw','derate_frac',0.2000000000000000111,'nfpa110-genset','');
INSERT INTO catalog_param VALUES('genset_diesel_3mw','fuel_l_per_kwh',0.27000000000000001776,'nfpa110-genset','');
INSERT INTO catalog_param VALUES('genset_diesel_3mw','rating_w',3000000.0,'nfpa110-genset','');
INSERT INTO catalog_param VALUES('genset_diesel_3mw','start_time_s',10.0,'nfpa110-genset','');
INSERT INTO catalog_param VALUES('genset_diesel_3mw','voltage_v',34500.0,'dctwin-estimate','13.8 kV set with 34.5 kV step-up');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_138kv_80mva','impedance_pu',0.10000000000000000555,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_138kv_80mva','load_loss_frac',0.005000000000000000104,'ieee-c57-doe','copper loss at rated load as a fraction of rating');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_138kv_80mva','no_load_loss_frac',0.0011999999999999998948,'ieee-c57-doe','iron loss as a fraction of rating');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_138kv_80mva','primary_voltage_v',138000.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_138kv_80mva','rating_va',80000000.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_138kv_80mva','secondary_voltage_v',34500.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_138kv_80mva','x_over_r',30.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_345kv_240mva','impedance_pu',0.11999999999999999555,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_345kv_240mva','load_loss_frac',0.0040000000000000000832,'ieee-c57-doe','copper loss at rated load as a fraction of rating');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_345kv_240mva','no_load_loss_frac',0.0010000000000000000208,'ieee-c57-doe','iron loss as a fraction of rating');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_345kv_240mva','primary_voltage_v',345000.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_345kv_240mva','rating_va',240000000.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_345kv_240mva','secondary_voltage_v',34500.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('hv_mv_xfmr_345kv_240mva','x_over_r',40.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('lvsb_415v_6000a','rating_a',6000.0,'dctwin-estimate','main breaker frame');
INSERT INTO catalog_param VALUES('lvsb_415v_6000a','voltage_v',415.0,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('mv_cable_34p5kv_1000a','ampacity_a',1000.0,'mv-cable-typical','');
INSERT INTO catalog_param VALUES('mv_cable_34p5kv_1000a','b_us_per_km',160.0,'mv-cable-typical','');
INSERT INTO catalog_param VALUES('mv_cable_34p5kv_1000a','r_ohm_per_km',0.021999999999999998723,'mv-cable-typical','two 1000 kcmil Cu conductors in parallel');
INSERT INTO catalog_param VALUES('mv_cable_34p5kv_1000a','voltage_v',34500.0,'mv-cable-typical','');
INSERT INTO catalog_param VALUES('mv_cable_34p5kv_1000a','x_ohm_per_km',0.059999999999999997779,'mv-cable-typical','');
INSERT INTO catalog_param VALUES('mv_swgr_34p5kv_3000a','rating_a',3000.0,'ieee-c37-20-2','');
INSERT INTO catalog_param VALUES('mv_swgr_34p5kv_3000a','voltage_v',34500.0,'ieee-c37-20-2','');
INSERT INTO catalog_param VALUES('network_generic','airflow_m3_s_per_kw',0.069599999999999995203,'ashrae-tg-2021','1 kW / (rho 1.19 kg/m3 * cp 1006 J/(kg K) * dT 12 K)');
INSERT INTO catalog_param VALUES('network_generic','coolant_max_supply_temp_c',0.0,'dctwin-estimate','air cooled: no coolant');
INSERT INTO catalog_param VALUES('network_generic','dc_input',0.0,'dctwin-estimate','1: 800 V DC input, 0: AC input');
INSERT INTO catalog_param VALUES('network_generic','depth_m',1.1999999999999999555,'mgx-rack','');
INSERT INTO catalog_param VALUES('network_generic','height_m',2.0,'mgx-rack','');
INSERT INTO catalog_param VALUES('network_generic','idle_w',5000.0,'dctwin-estimate','about a quarter of nameplate with GPUs idle');
INSERT INTO catalog_param VALUES('network_generic','input_voltage_v',415.0,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('network_generic','liquid_fraction',0.0,'ashrae-tg-2021','air cooled');
INSERT INTO catalog_param VALUES('network_generic','nameplate_w',8000.0,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('network_generic','peak_w',8000.0,'dctwin-estimate','nameplate');
INSERT INTO catalog_param VALUES('network_generic','ramp_down_w_per_s',8000.0,'dctwin-estimate','no smoothing');
INSERT INTO catalog_param VALUES('network_generic','ramp_up_w_per_s',8000.0,'dctwin-estimate','no smoothing');
INSERT INTO catalog_param VALUES('network_generic','smoothing_floor_frac',0.0,'dctwin-estimate','none');
INSERT INTO catalog_param VALUES('network_generic','typical_w',6000.0,'dctwin-estimate','switches run near constant power');
INSERT INTO catalog_param VALUES('network_generic','width_m',0.59999999999999997779,'mgx-rack','');
INSERT INTO catalog_param VALUES('pdu_415v_300kva','rating_w',300000.0,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('pdu_415v_300kva','voltage_v',415.0,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('pump_facility_0p5m3s','efficiency',0.84999999999999997779,'pump-typical','');
INSERT INTO catalog_param VALUES('pump_facility_0p5m3s','flow_m3_s',0.5,'pump-typical','');
INSERT INTO catalog_param VALUES('pump_facility_0p5m3s','head_pa',300000.0,'pump-typical','');
INSERT INTO catalog_param VALUES('rectifier_415v_800vdc_1mw','input_voltage_v',415.0,'nvidia-800vdc','');
INSERT INTO catalog_param VALUES('rectifier_415v_800vdc_1mw','output_voltage_v',800.0,'nvidia-800vdc','');
INSERT INTO catalog_param VALUES('rectifier_415v_800vdc_1mw','rating_w',1000000.0,'nvidia-800vdc','');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','airflow_m3_s_per_kw',0.069599999999999995203,'ashrae-tg-2021','1 kW / (rho 1.19 kg/m3 * cp 1006 J/(kg K) * dT 12 K)');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','coolant_max_supply_temp_c',50.0,'dctwin-estimate','as Vera Rubin (check)');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','coolant_supply_temp_c',45.0,'dctwin-estimate','as Vera Rubin');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','dc_input',1.0,'nvidia-800vdc','1: 800 V DC input, 0: AC input');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','depth_m',1.3999999999999999111,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','height_m',2.3999999999999999111,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','idle_w',130000.0,'dctwin-estimate','about a quarter of nameplate with GPUs idle');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','input_voltage_v',800.0,'nvidia-800vdc','');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','liquid_fraction',1.0,'nvidia-800vdc','100 % liquid');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','nameplate_w',600000.0,'nvidia-800vdc','');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','peak_w',720000.0,'dctwin-estimate','about 1.2x nameplate');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','ramp_down_w_per_s',5760.0,'dctwin-estimate','four times GB300''s per-rack limit');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','ramp_up_w_per_s',5760.0,'dctwin-estimate','four times GB300''s per-rack limit');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','smoothing_floor_frac',0.9000000000000000222,'dctwin-estimate','GB300-style smoothing assumed');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','typical_w',550000.0,'dctwin-estimate','about 90 % of nameplate');
INSERT INTO catalog_param VALUES('rubin_ultra_nvl576','width_m',1.1999999999999999555,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('sst_34p5kv_800vdc_4mw','input_voltage_v',34500.0,'nvidia-800vdc','');
INSERT INTO catalog_param VALUES('sst_34p5kv_800vdc_4mw','output_voltage_v',800.0,'nvidia-800vdc','');
INSERT INTO catalog_param VALUES('sst_34p5kv_800vdc_4mw','rating_w',4000000.0,'nvidia-800vdc','unit size: dctwin estimate');
INSERT INTO catalog_param VALUES('storage_generic','airflow_m3_s_per_kw',0.069599999999999995203,'ashrae-tg-2021','1 kW / (rho 1.19 kg/m3 * cp 1006 J/(kg K) * dT 12 K)');
INSERT INTO catalog_param VALUES('storage_generic','coolant_max_supply_temp_c',0.0,'dctwin-estimate','air cooled: no coolant');
INSERT INTO catalog_param VALUES('storage_generic','dc_input',0.0,'dctwin-estimate','1: 800 V DC input, 0: AC input');
INSERT INTO catalog_param VALUES('storage_generic','depth_m',1.1999999999999999555,'mgx-rack','');
INSERT INTO catalog_param VALUES('storage_generic','height_m',2.0,'mgx-rack','');
INSERT INTO catalog_param VALUES('storage_generic','idle_w',6000.0,'dctwin-estimate','about a quarter of nameplate with GPUs idle');
INSERT INTO catalog_param VALUES('storage_generic','input_voltage_v',415.0,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('storage_generic','liquid_fraction',0.0,'ashrae-tg-2021','air cooled');
INSERT INTO catalog_param VALUES('storage_generic','nameplate_w',12000.0,'dctwin-estimate','');
INSERT INTO catalog_param VALUES('storage_generic','peak_w',12500.0,'dctwin-estimate','nameplate plus spin-up');
INSERT INTO catalog_param VALUES('storage_generic','ramp_down_w_per_s',12000.0,'dctwin-estimate','no smoothing');
INSERT INTO catalog_param VALUES('storage_generic','ramp_up_w_per_s',12000.0,'dctwin-estimate','no smoothing');
INSERT INTO catalog_param VALUES('storage_generic','smoothing_floor_frac',0.0,'dctwin-estimate','none');
INSERT INTO catalog_param VALUES('storage_generic','typical_w',8000.0,'dctwin-estimate','two thirds of nameplate');
INSERT INTO catalog_param VALUES('storage_generic','width_m',0.59999999999999997779,'mgx-rack','');
INSERT INTO catalog_param VALUES('ups_3mw_415v','battery_runtime_s',300.0,'ups-block-typical','about 5 minutes at full load');
INSERT INTO catalog_param VALUES('ups_3mw_415v','rating_w',3000000.0,'ups-block-typical','');
INSERT INTO catalog_param VALUES('ups_3mw_415v','voltage_v',415.0,'ups-block-typical','');
INSERT INTO catalog_param VALUES('uss_34p5kv_415v_3p5mva','load_loss_frac',0.0089999999999999993199,'ieee-c57-doe','copper loss at rated load as a fraction of rating');
INSERT INTO catalog_param VALUES('uss_34p5kv_415v_3p5mva','no_load_loss_frac',0.0015000000000000000312,'ieee-c57-doe','iron loss as a fraction of rating');
INSERT INTO catalog_param VALUES('uss_34p5kv_415v_3p5mva','primary_voltage_v',34500.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('uss_34p5kv_415v_3p5mva','rating_va',3500000.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('uss_34p5kv_415v_3p5mva','secondary_voltage_v',415.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('uss_34p5kv_415v_3p5mva','x_over_r',8.0,'ieee-c57-doe','');
INSERT INTO catalog_param VALUES('vr_nvl144','airflow_m3_s_per_kw',0.069599999999999995203,'ashrae-tg-2021','1 kW / (rho 1.19 kg/m3 * cp 1006 J/(kg K) * dT 12 K)');
INSERT INTO catalog_param VALUES('vr_nvl144','coolant_max_supply_temp_c',50.0,'nvidia-vera-rubin','45 C design supply with a few kelvin of margin (check)');
INSERT INTO catalog_param VALUES('vr_nvl144','coolant_supply_temp_c',45.0,'nvidia-vera-rubin','45 C supply, about 55 C return');
INSERT INTO catalog_param VALUES('vr_nvl144','dc_input',1.0,'nvidia-800vdc','1: 800 V DC input, 0: AC input');
INSERT INTO catalog_param VALUES('vr_nvl144','depth_m',1.1999999999999999555,'mgx-rack','');
INSERT INTO catalog_param VALUES('vr_nvl144','height_m',2.2999999999999998223,'mgx-rack','');
INSERT INTO catalog_param VALUES('vr_nvl144','idle_w',50000.0,'dctwin-estimate','about a quarter of nameplate with GPUs idle');
INSERT INTO catalog_param VALUES('vr_nvl144','input_voltage_v',800.0,'nvidia-800vdc','');
INSERT INTO catalog_param VALUES('vr_nvl144','liquid_fraction',1.0,'nvidia-vera-rubin','fanless, 100 % liquid');
INSERT INTO catalog_param VALUES('vr_nvl144','nameplate_w',230000.0,'nvidia-vera-rubin','');
INSERT INTO catalog_param VALUES('vr_nvl144','peak_w',290000.0,'dctwin-estimate','about 1.25x Max-P for short spikes');
INSERT INTO catalog_param VALUES('vr_nvl144','ramp_down_w_per_s',2880.0,'dctwin-estimate','twice GB300''s per-rack limit');
INSERT INTO catalog_param VALUES('vr_nvl144','ramp_up_w_per_s',2880.0,'dctwin-estimate','twice GB300''s per-rack limit: 144 GPU dies');
INSERT INTO catalog_param VALUES('vr_nvl144','smoothing_floor_frac',0.9000000000000000222,'dctwin-estimate','GB300-style smoothing assumed');
INSERT INTO catalog_param VALUES('vr_nvl144','typical_w',190000.0,'nvidia-vera-rubin','Max-Q');
INSERT INTO catalog_param VALUES('vr_nvl144','width_m',0.59999999999999997779,'mgx-rack','');
CREATE TABLE catalog_curve (
  item_key  TEXT NOT NULL REFERENCES catalog_item (key) DEFERRABLE INITIALLY DEFERRED,
  name      TEXT NOT NULL,
  x_name    TEXT NOT NULL,
  y_name    TEXT NOT NULL,
  source_id TEXT REFERENCES catalog_source (id) DEFERRABLE INITIALLY DEFERRED,
  note      TEXT NOT NULL,
  PRIMARY KEY (item_key, name)
);
INSERT INTO catalog_curve VALUES('chiller_wc_centrifugal_3p5mw','part_load_power','load_frac','power_frac','ashrae-901-chillers','IPLV-style part-load curve');
INSERT INTO catalog_curve VALUES('cpu_generic','psu_efficiency','load_frac','efficiency','80plus-titanium','');
INSERT INTO catalog_curve VALUES('gb200_nvl72','psu_efficiency','load_frac','efficiency','ocp-orv3-psu','ORv3-class shelf; shape follows 80 PLUS Titanium');
INSERT INTO catalog_curve VALUES('gb300_nvl72','psu_efficiency','load_frac','efficiency','ocp-orv3-psu','ORv3-class shelf; shape follows 80 PLUS Titanium');
INSERT INTO catalog_curve VALUES('network_generic','psu_efficiency','load_frac','efficiency','80plus-titanium','');
INSERT INTO catalog_curve VALUES('pdu_415v_300kva','efficiency','load_frac','efficiency','dctwin-estimate','isolation-free PDU: cable and breaker losses only');
INSERT INTO catalog_curve VALUES('rectifier_415v_800vdc_1mw','efficiency','load_frac','efficiency','dctwin-estimate','active front end, SiC');
INSERT INTO catalog_curve VALUES('rubin_ultra_nvl576','psu_efficiency','load_frac','efficiency','nvidia-800vdc','800 V DC to 54 V DC conversion in the rack (check)');
INSERT INTO catalog_curve VALUES('sst_34p5kv_800vdc_4mw','efficiency','load_frac','efficiency','nvidia-800vdc','one conversion from MV AC to 800 V DC (check)');
INSERT INTO catalog_curve VALUES('storage_generic','psu_efficiency','load_frac','efficiency','80plus-titanium','');
INSERT INTO catalog_curve VALUES('ups_3mw_415v','efficiency','load_frac','efficiency','energystar-ups','double conversion; peak near 70 to 80 % load');
INSERT INTO catalog_curve VALUES('vr_nvl144','psu_efficiency','load_frac','efficiency','nvidia-800vdc','800 V DC to 54 V DC conversion in the rack (check)');
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
INSERT INTO catalog_curve_point VALUES('chiller_wc_centrifugal_3p5mw','part_load_power',0,0.25,0.20999999999999999222);
INSERT INTO catalog_curve_point VALUES('chiller_wc_centrifugal_3p5mw','part_load_power',1,0.5,0.38000000000000000444);
INSERT INTO catalog_curve_point VALUES('chiller_wc_centrifugal_3p5mw','part_load_power',2,0.75,0.64000000000000001332);
INSERT INTO catalog_curve_point VALUES('chiller_wc_centrifugal_3p5mw','part_load_power',3,1.0,1.0);
INSERT INTO catalog_curve_point VALUES('cpu_generic','psu_efficiency',0,0.10000000000000000555,0.9000000000000000222);
INSERT INTO catalog_curve_point VALUES('cpu_generic','psu_efficiency',1,0.2000000000000000111,0.9399999999999999467);
INSERT INTO catalog_curve_point VALUES('cpu_generic','psu_efficiency',2,0.5,0.95999999999999996447);
INSERT INTO catalog_curve_point VALUES('cpu_generic','psu_efficiency',3,1.0,0.9399999999999999467);
INSERT INTO catalog_curve_point VALUES('gb200_nvl72','psu_efficiency',0,0.10000000000000000555,0.92000000000000003996);
INSERT INTO catalog_curve_point VALUES('gb200_nvl72','psu_efficiency',1,0.2000000000000000111,0.95499999999999996003);
INSERT INTO catalog_curve_point VALUES('gb200_nvl72','psu_efficiency',2,0.5,0.97499999999999997779);
INSERT INTO catalog_curve_point VALUES('gb200_nvl72','psu_efficiency',3,1.0,0.96499999999999996891);
INSERT INTO catalog_curve_point VALUES('gb300_nvl72','psu_efficiency',0,0.10000000000000000555,0.92000000000000003996);
INSERT INTO catalog_curve_point VALUES('gb300_nvl72','psu_efficiency',1,0.2000000000000000111,0.95499999999999996003);
INSERT INTO catalog_curve_point VALUES('gb300_nvl72','psu_efficiency',2,0.5,0.97499999999999997779);
INSERT INTO catalog_curve_point VALUES('gb300_nvl72','psu_efficiency',3,1.0,0.96499999999999996891);
INSERT INTO catalog_curve_point VALUES('network_generic','psu_efficiency',0,0.10000000000000000555,0.9000000000000000222);
INSERT INTO catalog_curve_point VALUES('network_generic','psu_efficiency',1,0.2000000000000000111,0.9399999999999999467);
INSERT INTO catalog_curve_point VALUES('network_generic','psu_efficiency',2,0.5,0.95999999999999996447);
INSERT INTO catalog_curve_point VALUES('network_generic','psu_efficiency',3,1.0,0.9399999999999999467);
INSERT INTO catalog_curve_point VALUES('pdu_415v_300kva','efficiency',0,0.10000000000000000555,0.98499999999999998667);
INSERT INTO catalog_curve_point VALUES('pdu_415v_300kva','efficiency',1,0.5,0.99399999999999999467);
INSERT INTO catalog_curve_point VALUES('pdu_415v_300kva','efficiency',2,1.0,0.99299999999999999378);
INSERT INTO catalog_curve_point VALUES('rectifier_415v_800vdc_1mw','efficiency',0,0.10000000000000000555,0.94999999999999995559);
INSERT INTO catalog_curve_point VALUES('rectifier_415v_800vdc_1mw','efficiency',1,0.29999999999999998889,0.97499999999999997779);
INSERT INTO catalog_curve_point VALUES('rectifier_415v_800vdc_1mw','efficiency',2,0.5,0.97999999999999998223);
INSERT INTO catalog_curve_point VALUES('rectifier_415v_800vdc_1mw','efficiency',3,1.0,0.97799999999999998046);
INSERT INTO catalog_curve_point VALUES('rubin_ultra_nvl576','psu_efficiency',0,0.10000000000000000555,0.94999999999999995559);
INSERT INTO catalog_curve_point VALUES('rubin_ultra_nvl576','psu_efficiency',1,0.2000000000000000111,0.96999999999999997335);
INSERT INTO catalog_curve_point VALUES('rubin_ultra_nvl576','psu_efficiency',2,0.5,0.97999999999999998223);
INSERT INTO catalog_curve_point VALUES('rubin_ultra_nvl576','psu_efficiency',3,1.0,0.97499999999999997779);
INSERT INTO catalog_curve_point VALUES('sst_34p5kv_800vdc_4mw','efficiency',0,0.10000000000000000555,0.95999999999999996447);
INSERT INTO catalog_curve_point VALUES('sst_34p5kv_800vdc_4mw','efficiency',1,0.29999999999999998889,0.97999999999999998223);
INSERT INTO catalog_curve_point VALUES('sst_34p5kv_800vdc_4mw','efficiency',2,0.5,0.98499999999999998667);
INSERT INTO catalog_curve_point VALUES('sst_34p5kv_800vdc_4mw','efficiency',3,1.0,0.98199999999999998401);
INSERT INTO catalog_curve_point VALUES('storage_generic','psu_efficiency',0,0.10000000000000000555,0.9000000000000000222);
INSERT INTO catalog_curve_point VALUES('storage_generic','psu_efficiency',1,0.2000000000000000111,0.9399999999999999467);
INSERT INTO catalog_curve_point VALUES('storage_generic','psu_efficiency',2,0.5,0.95999999999999996447);
INSERT INTO catalog_curve_point VALUES('storage_generic','psu_efficiency',3,1.0,0.9399999999999999467);
INSERT INTO catalog_curve_point VALUES('ups_3mw_415v','efficiency',0,0.10000000000000000555,0.9000000000000000222);
INSERT INTO catalog_curve_point VALUES('ups_3mw_415v','efficiency',1,0.25,0.9399999999999999467);
INSERT INTO catalog_curve_point VALUES('ups_3mw_415v','efficiency',2,0.5,0.95999999999999996447);
INSERT INTO catalog_curve_point VALUES('ups_3mw_415v','efficiency',3,0.75,0.96299999999999996713);
INSERT INTO catalog_curve_point VALUES('ups_3mw_415v','efficiency',4,1.0,0.95999999999999996447);
INSERT INTO catalog_curve_point VALUES('vr_nvl144','psu_efficiency',0,0.10000000000000000555,0.94999999999999995559);
INSERT INTO catalog_curve_point VALUES('vr_nvl144','psu_efficiency',1,0.2000000000000000111,0.96999999999999997335);
INSERT INTO catalog_curve_point VALUES('vr_nvl144','psu_efficiency',2,0.5,0.97999999999999998223);
INSERT INTO catalog_curve_point VALUES('vr_nvl144','psu_efficiency',3,1.0,0.97499999999999997779);
CREATE TABLE building (
  id      INTEGER PRIMARY KEY,
  ordinal INTEGER NOT NULL UNIQUE,
  name    TEXT NOT NULL,
  x_m     REAL NOT NULL,
  y_m     REAL NOT NULL,
  width_m REAL NOT NULL,
  depth_m REAL NOT NULL
);
INSERT INTO building VALUES(2,0,'B1',0.0,0.0,19.199999999999999289,19.199999999999999289);
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
INSERT INTO hall VALUES(14,0,2,'B1-H1',6.0,6.0,7.2000000000000001776,7.2000000000000001776,6.0,'hot_aisle',0.59999999999999997779);
CREATE TABLE hall_row (
  id              INTEGER PRIMARY KEY,
  ordinal         INTEGER NOT NULL UNIQUE,
  hall_id         INTEGER REFERENCES hall (id) DEFERRABLE INITIALLY DEFERRED,
  name            TEXT NOT NULL,
  x_m             REAL NOT NULL,
  y_m             REAL NOT NULL,
  orientation_deg REAL NOT NULL
);
INSERT INTO hall_row VALUES(15,0,14,'B1-H1-R01',3.0,3.6000000000000000888,0.0);
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
INSERT INTO elec_node VALUES(1,0,'grid_feed','Grid POI',NULL,NULL,NULL,0.0,34500.0,0,'');
INSERT INTO elec_node VALUES(3,1,'mv_switchgear','B1-A-MV01','mv_swgr_34p5kv_3000a',2,NULL,179267258.58337879181,34500.0,0,'A');
INSERT INTO elec_node VALUES(5,2,'mv_switchgear','B1-B-MV01','mv_swgr_34p5kv_3000a',2,NULL,179267258.58337879181,34500.0,0,'B');
INSERT INTO elec_node VALUES(8,3,'generator','B1-GEN01','genset_diesel_3mw',2,NULL,3000000.0,34500.0,0,'');
INSERT INTO elec_node VALUES(10,4,'generator','B1-GEN02','genset_diesel_3mw',2,NULL,3000000.0,34500.0,0,'');
INSERT INTO elec_node VALUES(18,5,'mv_feeder','B1-H1-A-F01','mv_cable_34p5kv_1000a',2,14,59755752.861126258967,34500.0,0,'A');
INSERT INTO elec_node VALUES(20,6,'mv_feeder','B1-H1-B-F01','mv_cable_34p5kv_1000a',2,14,59755752.861126258967,34500.0,0,'B');
INSERT INTO elec_node VALUES(23,7,'unit_substation','B1-H1-A-01-USS','uss_34p5kv_415v_3p5mva',2,14,3500000.0,415.0,0,'A');
INSERT INTO elec_node VALUES(25,8,'lv_switchboard','B1-H1-A-01-SB','lvsb_415v_6000a',2,14,4312806.5108465040104,415.0,0,'A');
INSERT INTO elec_node VALUES(27,9,'ups','B1-H1-A-01-UPS','ups_3mw_415v',2,14,3000000.0,415.0,0,'A');
INSERT INTO elec_node VALUES(29,10,'busway','B1-H1-A-01-BW001','busway_415v_4000a',2,14,2875204.340564336162,415.0,0,'A');
INSERT INTO elec_node VALUES(31,11,'unit_substation','B1-H1-B-01-USS','uss_34p5kv_415v_3p5mva',2,14,3500000.0,415.0,0,'B');
INSERT INTO elec_node VALUES(33,12,'lv_switchboard','B1-H1-B-01-SB','lvsb_415v_6000a',2,14,4312806.5108465040104,415.0,0,'B');
INSERT INTO elec_node VALUES(35,13,'ups','B1-H1-B-01-UPS','ups_3mw_415v',2,14,3000000.0,415.0,0,'B');
INSERT INTO elec_node VALUES(37,14,'busway','B1-H1-B-01-BW001','busway_415v_4000a',2,14,2875204.340564336162,415.0,0,'B');
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
INSERT INTO elec_edge VALUES(4,0,1,3,'',0.0087999999999999987954,0.024000000000000000499,6.3999999999999997103e-05,179267258.58337879181,400.0,0);
INSERT INTO elec_edge VALUES(6,1,1,5,'',0.0087999999999999987954,0.024000000000000000499,6.3999999999999997103e-05,179267258.58337879181,400.0,0);
INSERT INTO elec_edge VALUES(9,2,8,3,'',0.0013199999999999997759,0.0035999999999999994677,9.5999999999999995657e-06,179267258.58337879181,60.0,1);
INSERT INTO elec_edge VALUES(11,3,10,5,'',0.0013199999999999997759,0.0035999999999999994677,9.5999999999999995657e-06,179267258.58337879181,60.0,1);
INSERT INTO elec_edge VALUES(19,4,3,18,'',0.0087999999999999987954,0.024000000000000000499,6.3999999999999997103e-05,59755752.861126258967,400.0,0);
INSERT INTO elec_edge VALUES(21,5,5,20,'',0.0087999999999999987954,0.024000000000000000499,6.3999999999999997103e-05,59755752.861126258967,400.0,0);
INSERT INTO elec_edge VALUES(24,6,18,23,'',0.0013199999999999997759,0.0035999999999999994677,9.5999999999999995657e-06,3500000.0,60.0,0);
INSERT INTO elec_edge VALUES(26,7,23,25,'',0.00014999999999999998685,0.00010000000000000000479,0.0,4312806.5108465040104,10.0,0);
INSERT INTO elec_edge VALUES(28,8,25,27,'',0.00014999999999999998685,0.00010000000000000000479,0.0,3000000.0,10.0,0);
INSERT INTO elec_edge VALUES(30,9,27,29,'',0.00044999999999999993347,0.00029999999999999997371,0.0,2875204.340564336162,30.0,0);
INSERT INTO elec_edge VALUES(32,10,20,31,'',0.0013199999999999997759,0.0035999999999999994677,9.5999999999999995657e-06,3500000.0,60.0,0);
INSERT INTO elec_edge VALUES(34,11,31,33,'',0.00014999999999999998685,0.00010000000000000000479,0.0,4312806.5108465040104,10.0,0);
INSERT INTO elec_edge VALUES(36,12,33,35,'',0.00014999999999999998685,0.00010000000000000000479,0.0,3000000.0,10.0,0);
INSERT INTO elec_edge VALUES(38,13,35,37,'',0.00044999999999999993347,0.00029999999999999997371,0.0,2875204.340564336162,30.0,0);
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
INSERT INTO cooling_unit VALUES(12,0,'water_loop','B1 facility water',NULL,2,NULL,0.0,0.0,0.0,0.0,0.0,32.0,0.0,0.0074717785142597459985,NULL,NULL,1.6217142857142858858);
INSERT INTO cooling_unit VALUES(13,1,'water_loop','B1 chilled water',NULL,2,NULL,0.0,0.0,0.0,0.0,0.0,18.0,0.0,0.0018245040558076124504,NULL,NULL,0.23760000000000003339);
INSERT INTO cooling_unit VALUES(43,2,'cdu','B1-H1-CDU01','cdu_2mw',2,14,5.7000000000000001776,3.6000000000000000888,0.0,2000000.0,0.0,32.0,3.0,0.048076523209686763959,12,NULL,0.0);
INSERT INTO cooling_unit VALUES(44,3,'fan_wall','B1-H1-FW01','fanwall_500kw',2,14,0.75,4.7999999999999998223,90.0,500000.0,34.810000000000002272,24.0,0.0,0.0,13,NULL,0.0);
INSERT INTO cooling_unit VALUES(45,4,'fan_wall','B1-H1-FW02','fanwall_500kw',2,14,6.4500000000000001776,4.7999999999999998223,270.0,500000.0,34.810000000000002272,24.0,0.0,0.0,13,NULL,0.0);
INSERT INTO cooling_unit VALUES(47,5,'chiller','B1-CH01','chiller_wc_centrifugal_3p5mw',2,NULL,0.0,0.0,0.0,3517000.0,0.0,0.0,0.0,0.0,13,12,0.0);
INSERT INTO cooling_unit VALUES(48,6,'chiller','B1-CH02','chiller_wc_centrifugal_3p5mw',2,NULL,0.0,0.0,0.0,3517000.0,0.0,0.0,0.0,0.0,13,12,0.0);
INSERT INTO cooling_unit VALUES(50,7,'pump','B1-CHW-P01','pump_facility_0p5m3s',2,NULL,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.5,13,NULL,0.0);
INSERT INTO cooling_unit VALUES(51,8,'pump','B1-CHW-P02','pump_facility_0p5m3s',2,NULL,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.5,13,NULL,0.0);
INSERT INTO cooling_unit VALUES(53,9,'storage_tank','B1-CHW-TANK',NULL,2,NULL,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,13,NULL,0.47595757977589892018);
INSERT INTO cooling_unit VALUES(54,10,'cooling_tower','B1-CT001','cooling_tower_cell_7mw',2,NULL,0.0,0.0,0.0,7000000.0,0.0,0.0,3.5,0.0,12,NULL,0.0);
INSERT INTO cooling_unit VALUES(55,11,'cooling_tower','B1-CT002','cooling_tower_cell_7mw',2,NULL,0.0,0.0,0.0,7000000.0,0.0,0.0,3.5,0.0,12,NULL,0.0);
INSERT INTO cooling_unit VALUES(57,12,'pump','B1-FWS-P01','pump_facility_0p5m3s',2,NULL,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.5,12,NULL,0.0);
INSERT INTO cooling_unit VALUES(58,13,'pump','B1-FWS-P02','pump_facility_0p5m3s',2,NULL,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.5,12,NULL,0.0);
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
INSERT INTO rack VALUES(16,0,15,'B1-H1-R01-K01','gb200_nvl72',3.2999999999999998223,3.6000000000000000888,0.0,NULL,29,37,43,44);
INSERT INTO rack VALUES(17,1,15,'B1-H1-R01-K02','gb200_nvl72',3.8999999999999999111,3.6000000000000000888,0.0,NULL,29,37,43,45);
CREATE TABLE redundancy_group (
  id                      INTEGER PRIMARY KEY,
  ordinal                 INTEGER NOT NULL UNIQUE,
  name                    TEXT NOT NULL,
  scheme                  TEXT NOT NULL,
  catcher_elec_node_id    INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  catcher_cooling_unit_id INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  CHECK (catcher_elec_node_id IS NULL OR catcher_cooling_unit_id IS NULL)
);
INSERT INTO redundancy_group VALUES(7,0,'B1 MV lineups 01','2n',NULL,NULL);
INSERT INTO redundancy_group VALUES(22,1,'B1-H1 feeders 01','2n',NULL,NULL);
INSERT INTO redundancy_group VALUES(39,2,'B1-H1 block 01 substations','2n',NULL,NULL);
INSERT INTO redundancy_group VALUES(40,3,'B1-H1 block 01 switchboards','2n',NULL,NULL);
INSERT INTO redundancy_group VALUES(41,4,'B1-H1 block 01 UPS','2n',NULL,NULL);
INSERT INTO redundancy_group VALUES(42,5,'B1-H1 block 01 busways 01','2n',NULL,NULL);
INSERT INTO redundancy_group VALUES(46,6,'B1-H1 fan walls','n_plus_1',NULL,NULL);
INSERT INTO redundancy_group VALUES(49,7,'B1 chillers','n_plus_1',NULL,NULL);
INSERT INTO redundancy_group VALUES(52,8,'B1-CHW pumps','n_plus_1',NULL,NULL);
INSERT INTO redundancy_group VALUES(56,9,'B1 cooling towers','n_plus_1',NULL,NULL);
INSERT INTO redundancy_group VALUES(59,10,'B1-FWS pumps','n_plus_1',NULL,NULL);
CREATE TABLE redundancy_member (
  group_id        INTEGER NOT NULL REFERENCES redundancy_group (id) DEFERRABLE INITIALLY DEFERRED,
  ordinal         INTEGER NOT NULL,
  elec_node_id    INTEGER REFERENCES elec_node (id) DEFERRABLE INITIALLY DEFERRED,
  cooling_unit_id INTEGER REFERENCES cooling_unit (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (group_id, ordinal),
  CHECK ((elec_node_id IS NULL) <> (cooling_unit_id IS NULL))
);
INSERT INTO redundancy_member VALUES(7,0,3,NULL);
INSERT INTO redundancy_member VALUES(7,1,5,NULL);
INSERT INTO redundancy_member VALUES(22,0,18,NULL);
INSERT INTO redundancy_member VALUES(22,1,20,NULL);
INSERT INTO redundancy_member VALUES(39,0,23,NULL);
INSERT INTO redundancy_member VALUES(39,1,31,NULL);
INSERT INTO redundancy_member VALUES(40,0,25,NULL);
INSERT INTO redundancy_member VALUES(40,1,33,NULL);
INSERT INTO redundancy_member VALUES(41,0,27,NULL);
INSERT INTO redundancy_member VALUES(41,1,35,NULL);
INSERT INTO redundancy_member VALUES(42,0,29,NULL);
INSERT INTO redundancy_member VALUES(42,1,37,NULL);
INSERT INTO redundancy_member VALUES(46,0,NULL,44);
INSERT INTO redundancy_member VALUES(46,1,NULL,45);
INSERT INTO redundancy_member VALUES(49,0,NULL,47);
INSERT INTO redundancy_member VALUES(49,1,NULL,48);
INSERT INTO redundancy_member VALUES(52,0,NULL,50);
INSERT INTO redundancy_member VALUES(52,1,NULL,51);
INSERT INTO redundancy_member VALUES(56,0,NULL,54);
INSERT INTO redundancy_member VALUES(56,1,NULL,55);
INSERT INTO redundancy_member VALUES(59,0,NULL,57);
INSERT INTO redundancy_member VALUES(59,1,NULL,58);
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
INSERT INTO scenario VALUES(1,'design-day','24 h at 1 h steps, full load, the site''s design weather held all day',86400.0,3600.0,'constant',1.0,0.0,'constant','',22.60000000000000142,17.399999999999998578,0,NULL,NULL,NULL,'{"battery":null,"events":[],"load":{},"smoothing_hysteresis_s":2.0,"tables":{"elec_step":0.025,"plant_frac_step":0.05,"plant_temp_step_k":2.0,"threads":0},"weather":{"pressure_pa":101084.96665062709}}');
INSERT INTO scenario VALUES(2,'annual','8,760 h at 1 h steps, diurnal inference load, a weather year',31536000.0,3600.0,'diurnal',0.8000000000000000444,0.10000000000000000555,'climate','dublin-ie',NULL,NULL,0,NULL,NULL,NULL,'{"air_model_at_snapshots":false,"battery":null,"events":[],"load":{"peak_hour":15.0},"smoothing_hysteresis_s":2.0,"tables":{"elec_step":0.025,"plant_frac_step":0.05,"plant_temp_step_k":2.0,"threads":0},"weather":{}}');
INSERT INTO scenario VALUES(3,'training-24h','one synchronous training job over the whole site, 24 h at 1 s steps, GB300-style smoothing, site battery holding the grid ramp, the site''s design weather',86400.0,1.0,'training',1.0,0.0,'constant','',22.60000000000000142,17.399999999999998578,1,198000.0,49500.0,83333.333333333328481,'{"air_model_at_snapshots":false,"battery":{"max_charge_w":198000.0,"recovery_s":900.0,"round_trip_eff":0.9,"soc_initial":0.5,"soc_max":0.9,"soc_min":0.1,"soc_target":0.5},"events":[],"load":{"checkpoint_duration_s":60.0,"checkpoint_interval_s":1800.0,"checkpoint_util":0.3,"comm_util":0.4,"compute_duty":0.7,"idle_util":0.25,"iteration_s":2.0,"mtbf_s":28800.0,"restart_s":900.0,"seed":7,"start_ramp_s":900.0,"start_s":1800.0,"stop_ramp_s":600.0,"stop_s":82800.0},"smoothing_hysteresis_s":2.0,"tables":{"elec_step":0.025,"plant_frac_step":0.05,"plant_temp_step_k":2.0,"threads":0},"weather":{"pressure_pa":101084.96665062709}}');
INSERT INTO scenario VALUES(4,'utility-outage','the utility lost at t0 for a duration, full load, the site''s design weather; UPS batteries bridge until the generators have started, then the generators carry the site',600.0,1.0,'constant',1.0,0.0,'constant','',22.60000000000000142,17.399999999999998578,0,NULL,NULL,NULL,'{"battery":null,"events":[{"duration_s":300.0,"kind":"utility_loss","t0_s":60.0,"target":null}],"load":{},"smoothing_hysteresis_s":2.0,"tables":{"elec_step":0.025,"plant_frac_step":0.05,"plant_temp_step_k":2.0,"threads":0},"weather":{"pressure_pa":101084.96665062709}}');
INSERT INTO scenario VALUES(5,'chiller-trip','every chiller of the first loop with chillers trips at t0, full load, the site''s design weather; the loop water and tanks absorb what the remaining plant cannot remove',900.0,1.0,'constant',1.0,0.0,'constant','',22.60000000000000142,17.399999999999998578,0,NULL,NULL,NULL,'{"battery":null,"events":[{"duration_s":null,"kind":"chiller_trip","t0_s":60.0,"target":null}],"load":{},"smoothing_hysteresis_s":2.0,"tables":{"elec_step":0.025,"plant_frac_step":0.05,"plant_temp_step_k":2.0,"threads":0},"weather":{"pressure_pa":101084.96665062709}}');
CREATE INDEX elec_edge_from ON elec_edge (from_node_id);
CREATE INDEX elec_edge_to ON elec_edge (to_node_id);
CREATE INDEX cooling_unit_loop ON cooling_unit (loop_id);
CREATE INDEX cooling_unit_condenser_loop ON cooling_unit (condenser_loop_id);
CREATE INDEX rack_row ON rack (row_id);
COMMIT;
