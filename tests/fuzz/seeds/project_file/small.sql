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
INSERT INTO catalog_param VALUES('uss_34p5kv_415v_3p5mva','impedance_pu',0.057500000000000002498,'ieee-c57-doe','');
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
CREATE TABLE result_run (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                 -- power | contingency
  created_utc TEXT NOT NULL,
  converged INTEGER NOT NULL,
  message TEXT NOT NULL,
  it_power_w REAL, grid_import_w REAL, grid_import_var REAL, power_factor REAL,
  total_loss_w REAL, min_rack_voltage_pu REAL, min_rack_voltage_rack_id INTEGER,
  max_loading_pct REAL, max_loading_entity_id INTEGER);
INSERT INTO result_run VALUES(1,'power','2026-12-03T07:20:28Z',1,'',264000.0,314793.59848370245891,-327124.44112728908658,0.69339578401488044523,50793.598828866684926,0.99964243684726494798,16,5.0686893375459725064,28);
CREATE TABLE result_loss (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  stage TEXT NOT NULL, loss_w REAL NOT NULL);
INSERT INTO result_loss VALUES(1,'lv_distribution',178.39474280635130298);
INSERT INTO result_loss VALUES(1,'mv_cables',1.0548328759941993926);
INSERT INTO result_loss VALUES(1,'psus',9575.1295336787588894);
INSERT INTO result_loss VALUES(1,'transformers',10630.911151154681647);
INSERT INTO result_loss VALUES(1,'ups_rectifiers',30408.108568350900894);
CREATE TABLE result_elec_node (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  node_id INTEGER NOT NULL, energized INTEGER NOT NULL, p_w REAL, q_var REAL,
  loading_pct REAL, vm_pu REAL, loss_w REAL);
INSERT INTO result_elec_node VALUES(1,1,1,314793.59848370245891,-327124.44112728908658,5.6748542055771089565,1.0005705315168804681,0.0);
INSERT INTO result_elec_node VALUES(1,3,1,157396.50090053398162,-87299.986079812151732,0.10040091100137725488,1.0005718962128398175,0.0);
INSERT INTO result_elec_node VALUES(1,5,1,157396.50090053398162,-87299.986079812151732,0.10040091100137725488,1.0005718962128398175,0.0);
INSERT INTO result_elec_node VALUES(1,8,1,0.0,0.0,0.0,0.0,0.0);
INSERT INTO result_elec_node VALUES(1,10,1,0.0,0.0,0.0,0.0,0.0);
INSERT INTO result_elec_node VALUES(1,18,1,157396.30001075935433,-11037.39225919715318,0.26404624761176931357,1.0005717240450044958,0.0);
INSERT INTO result_elec_node VALUES(1,20,1,157396.30001075935433,-11037.39225919715318,0.26404624761176931357,1.0005717240450044958,0.0);
INSERT INTO result_elec_node VALUES(1,23,1,152080.81681937910616,26.847685178968802687,4.3451662625475941936,1.0001770926651403215,5315.4555755773408238);
INSERT INTO result_elec_node VALUES(1,25,1,152060.67964084562845,13.424269949758729225,3.5257941632897993322,1.0000446490774910213,0.0);
INSERT INTO result_elec_node VALUES(1,27,1,136836.48855757902492,32.615865608320859792,4.5612164148226881366,1.0,15204.054284175450447);
INSERT INTO result_elec_node VALUES(1,29,1,136787.56475703290197,-1.4224132115468892485e-06,4.7574902008594168734,0.99964243684726494798,0.0);
INSERT INTO result_elec_node VALUES(1,31,1,152080.81681937910616,26.847685178968802687,4.3451662625475941936,1.0001770926651403215,5315.4555755773408238);
INSERT INTO result_elec_node VALUES(1,33,1,152060.67964084562845,13.424269949758729225,3.5257941632897993322,1.0000446490774910213,0.0);
INSERT INTO result_elec_node VALUES(1,35,1,136836.48855757902492,32.615865608320859792,4.5612164148226881366,1.0,15204.054284175450447);
INSERT INTO result_elec_node VALUES(1,37,1,136787.56475703290197,-1.4224132115468892485e-06,4.7574902008594168734,0.99964243684726494798,0.0);
CREATE TABLE result_elec_edge (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  edge_id INTEGER NOT NULL, energized INTEGER NOT NULL, p_from_w REAL, q_from_var REAL,
  loss_w REAL, loading_pct REAL);
INSERT INTO result_elec_edge VALUES(1,4,1,157396.80004017348982,-163562.22067453805357,0.29913963951310601485,0.12662332801333364695);
INSERT INTO result_elec_edge VALUES(1,6,1,157396.80004017348982,-163562.22067453805357,0.29913963951310601485,0.12662332801333364695);
INSERT INTO result_elec_edge VALUES(1,9,0,0.0,0.0,0.0,0.0);
INSERT INTO result_elec_edge VALUES(1,11,0,0.0,0.0,0.0,0.0);
INSERT INTO result_elec_edge VALUES(1,19,1,157396.50081532503827,-87299.985931874238302,0.20080456568372095915,0.3012027327593517767);
INSERT INTO result_elec_edge VALUES(1,21,1,157396.50081532503827,-87299.985931874238302,0.20080456568372095915,0.3012027327593517767);
INSERT INTO result_elec_edge VALUES(1,24,1,157396.29999669853713,-11037.392037370989783,0.027472232800272722297,4.5080806609263586182);
INSERT INTO result_elec_edge VALUES(1,26,1,152080.81642628833651,26.848793578239334323,20.13678544270612747,3.5262611112693016401);
INSERT INTO result_elec_edge VALUES(1,28,1,152060.67953379522077,13.424508609740772868,20.136785414365082403,5.0686893375459725064);
INSERT INTO result_elec_edge VALUES(1,30,1,136836.48855757902492,32.615865608320859792,48.923800546104430964,4.75919191252413043);
INSERT INTO result_elec_edge VALUES(1,32,1,157396.29999669853713,-11037.392037370989783,0.027472232800272722297,4.5080806609263586182);
INSERT INTO result_elec_edge VALUES(1,34,1,152080.81642628833651,26.848793578239334323,20.13678544270612747,3.5262611112693016401);
INSERT INTO result_elec_edge VALUES(1,36,1,152060.67953379522077,13.424508609740772868,20.136785414365082403,5.0686893375459725064);
INSERT INTO result_elec_edge VALUES(1,38,1,136836.48855757902492,32.615865608320859792,48.923800546104430964,4.75919191252413043);
CREATE TABLE result_rack (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  rack_id INTEGER NOT NULL, powered INTEGER NOT NULL, it_w REAL, input_w REAL,
  cord_a_w REAL, cord_b_w REAL, vm_a_pu REAL, vm_b_pu REAL);
INSERT INTO result_rack VALUES(1,16,1,132000.0,136787.56476683937944,68393.782383419689722,68393.782383419689722,0.99964243684726494798,0.99964243684726494798);
INSERT INTO result_rack VALUES(1,17,1,132000.0,136787.56476683937944,68393.782383419689722,68393.782383419689722,0.99964243684726494798,0.99964243684726494798);
CREATE TABLE result_violation (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  entity_id INTEGER, code TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE result_contingency (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL, group_id INTEGER NOT NULL, failed_id INTEGER NOT NULL,
  converged INTEGER NOT NULL, worst_loading_pct REAL, worst_entity_id INTEGER,
  overloads INTEGER NOT NULL, racks_lost INTEGER NOT NULL, note TEXT NOT NULL);
CREATE TABLE result_contingency_rack (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  failed_id INTEGER NOT NULL, rack_id INTEGER NOT NULL);
CREATE TABLE result_capacity (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  level TEXT NOT NULL, units INTEGER NOT NULL, installed_w REAL, used_w REAL,
  reserved_w REAL, free_w REAL, stranded_w REAL);
CREATE TABLE result_thermal (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  dry_bulb_c REAL, wet_bulb_c REAL, rack_heat_w REAL, heat_rejected_w REAL, compressor_w REAL,
  cooling_power_w REAL, water_l_per_h REAL, energy_balance_error REAL, max_rack_inlet_c REAL,
  racks_outside_recommended INTEGER);
INSERT INTO result_thermal VALUES(1,22.60000000000000142,17.399999999999998578,273575.12953367875889,374501.74703132058492,92321.249999999999997,103922.63147389244113,750.86698290405797708,0.0,23.999999999999996446,0);
CREATE TABLE result_cooling_power (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  component TEXT NOT NULL, power_w REAL NOT NULL);
INSERT INTO result_cooling_power VALUES(1,'air_fans',1.0356679550131224765);
INSERT INTO result_cooling_power VALUES(1,'cdu_pumps',8603.9378238341960242);
INSERT INTO result_cooling_power VALUES(1,'chillers',92321.249999999999997);
INSERT INTO result_cooling_power VALUES(1,'cooling_tower_fans',2996.0139762505646103);
INSERT INTO result_cooling_power VALUES(1,'dry_cooler_fans',0.0);
INSERT INTO result_cooling_power VALUES(1,'loop_pumps',0.39400585266261434203);
CREATE TABLE result_cooling_unit (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL, heat_w REAL, power_w REAL, water_l_per_h REAL, load_frac REAL);
INSERT INTO result_cooling_unit VALUES(1,12,374501.74703132058492,0.0,0.0,0.0);
INSERT INTO result_cooling_unit VALUES(1,13,41037.307483552685882,0.0,0.0,0.0);
INSERT INTO result_cooling_unit VALUES(1,43,232538.86010362693924,8603.9378238341960242,0.0,0.11626943005181346324);
INSERT INTO result_cooling_unit VALUES(1,44,20518.134715025909827,0.51783397750656123825,0.0,0.041036269430051820761);
INSERT INTO result_cooling_unit VALUES(1,45,20518.134715025909827,0.51783397750656123825,0.0,0.041036269430051820761);
INSERT INTO result_cooling_unit VALUES(1,47,41037.307483552685882,92321.249999999999997,0.0,0.011668270538399968389);
INSERT INTO result_cooling_unit VALUES(1,48,0.0,0.0,0.0,0.0);
INSERT INTO result_cooling_unit VALUES(1,50,0.0,0.001192772930075718411,0.0,0.0018907254947153500669);
INSERT INTO result_cooling_unit VALUES(1,51,0.0,0.001192772930075718411,0.0,0.0018907254947153500669);
INSERT INTO result_cooling_unit VALUES(1,53,0.0,0.0,0.0,0.0);
INSERT INTO result_cooling_unit VALUES(1,54,187250.87351566029246,1498.0069881252823051,375.43349145202898854,0.026750124787951471555);
INSERT INTO result_cooling_unit VALUES(1,55,187250.87351566029246,1498.0069881252823051,375.43349145202898854,0.026750124787951471555);
INSERT INTO result_cooling_unit VALUES(1,57,0.0,0.19581015340123145151,0.0,0.010352715785649132737);
INSERT INTO result_cooling_unit VALUES(1,58,0.0,0.19581015340123145151,0.0,0.010352715785649132737);
CREATE TABLE result_loop (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  loop_id INTEGER NOT NULL, heat_w REAL, flow_m3_s REAL, supply_temp_c REAL, return_temp_c REAL,
  setpoint_c REAL, economizer INTEGER, setpoint_met INTEGER);
INSERT INTO result_loop VALUES(1,13,41037.307483552685882,0.0018907254947153500669,18.0,23.217391607640799123,18.0,0,1);
INSERT INTO result_loop VALUES(1,12,374501.74703132058492,0.010352715785649132737,32.0,40.695661267054958898,32.0,0,1);
CREATE TABLE result_rack_inlet (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  rack_id INTEGER NOT NULL, inlet_mean_c REAL);
INSERT INTO result_rack_inlet VALUES(1,16,23.999999999999996446);
INSERT INTO result_rack_inlet VALUES(1,17,23.99999999999998934);
CREATE TABLE result_hall_air (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  hall_id INTEGER NOT NULL, same_as_hall_id INTEGER, converged INTEGER, message TEXT,
  max_inlet_c REAL, mean_inlet_c REAL, energy_balance_error REAL,
  nx INTEGER, ny INTEGER, nz INTEGER,
  x_faces_m BLOB, y_faces_m BLOB, z_faces_m BLOB, temp_c BLOB);
INSERT INTO result_hall_air VALUES(1,14,14,0,'flow residuals plateaued (mass 0.116134): velocity averaged over the last 200 iterations',23.999999999999996446,23.999999999999992895,-1.7730553276987385809e-16,12,13,12,X'0000000000000000333333333333e33f333333333333f33fcdccccccccccfc3f33333333333303400000000000000840cccccccccccc0c40cdcccccccccc104033333333333313409a9999999999154000000000000018406666666666661a40cdcccccccccc1c40',X'0000000000000000333333333333e33f333333333333f33fcdccccccccccfc3f33333333333303400000000000000840cdcccccccccc0c40cdcccccccccc10406227dcd357921240043f8a920ed4134076e21a213e121640e885abaf6d5018405b293c3e9d8e1a40cdcccccccccc1c40',X'0000000000000000000000000000e03f000000000000f03f000000000000f83f000000000000004066666666666602400eeaa00eeaa00640b66ddbb66ddb0a405ff1155ff1150f40843aa8833aa81140587cc5577cc513402cbee22bbee215400000000000001840',X'adffffffffff37407dffffffffff3740c2ffffffffff37404500000000003840caffffffffff37408ff309783a00424068f309783a004240e0ffffffffff37405cffffffffff374086ffffffffff374086ffffffffff374092ffffffffff374083ffffffffff374082ffffffffff37401a0000000000384086000000000038409d0000000000384076f309783a0042406cf309783a00424053ffffffffff374085ffffffffff3740a9ffffffffff3740d5ffffffffff3740120000000000384044ffffffffff37406affffffffff37400f0000000000384068000000000038407a0000000000384073f309783a00424073f309783a00424078ffffffffff3740a0ffffffffff3740beffffffffff3740caffffffffff3740f3ffffffffff374032ffffffffff37407bffffffffff374032000000000038407500000000003840590000000000384076f309783a00424075f309783a004240a1ffffffffff3740c7ffffffffff3740cfffffffffff3740ecffffffffff374013000000000038404bffffffffff374095ffffffffff374048000000000038406700000000003840490000000000384076f309783a00424075f309783a004240bcffffffffff3740deffffffffff3740d6ffffffffff37401200000000003840190000000000384063ffffffffff3740e0ffffffffff37403d0000000000384063000000000038405200000000003840000000000000f87f000000000000f87ff3ffffffffff3740b5ffffffffff3740ddffffffffff374021000000000038401c00000000003840a7ffffffffff3740f1ffffffffff3740500000000000384046000000000038403a00000000003840000000000000f87f000000000000f87fb8ffffffffff374078ffffffffff3740a9ffffffffff374002000000000038402700000000003840c3ffffffffff3740e5ffffffffff3740eeffffffffff3740f9ffffffffff374007000000000038400300000000003840edffffffffff3740e8ffffffffff3740f4ffffffffff374008000000000038400e0000000000384016000000000038400100000000003840ffffffffffff3740ffffffffffff37400000000000003840ffffffffffff37400100000000003840f8ffffffffff3740feffffffffff3740ffffffffffff3740ffffffffffff3740ffffffffffff3740fdffffffffff37401c0000000000384020000000000038401e00000000003840160000000000384012000000000038400d00000000003840ebffffffffff3740e9ffffffffff3740e7ffffffffff3740e0ffffffffff3740deffffffffff3740dfffffffffff37401b0000000000384028000000000038402500000000003840deffffffffff374006000000000038400d00000000003840ecffffffffff3740eaffffffffff37400d00000000003840ddffffffffff3740dcffffffffff3740e3ffffffffff3740170000000000384017000000000038400c000000000038400d0000000000384008000000000038400b00000000003840e8ffffffffff3740e2ffffffffff3740e6ffffffffff3740d6ffffffffff3740d3ffffffffff3740ebffffffffff374014000000000038400f000000000038400a00000000003840090000000000384008000000000038400a00000000003840e5ffffffffff3740e1ffffffffff3740e1ffffffffff3740ddffffffffff3740e3ffffffffff3740f3ffffffffff3740e2ffffffffff37407dffffffffff3740e5ffffffffff3740d2ffffffffff37400d0000000000384083f309783a0042406df309783a0042400200000000003840ebffffffffff3740ceffffffffff3740b2ffffffffff374068ffffffffff37407bffffffffff37407bffffffffff3740b3ffffffffff37403400000000003840620000000000384078f309783a0042406ff309783a0042400800000000003840dcffffffffff3740bdffffffffff3740bcffffffffff37401400000000003840a5ffffffffff374098ffffffffff3740d0ffffffffff37401e00000000003840320000000000384071f309783a00424072f309783a0042401200000000003840fcffffffffff3740d7ffffffffff374004000000000038402200000000003840b0ffffffffff37409effffffffff3740e6ffffffffff37400e000000000038403a0000000000384073f309783a00424075f309783a0042400e00000000003840fcffffffffff37400a000000000038402c000000000038403f00000000003840b3ffffffffff3740e1ffffffffff3740f7ffffffffff37400500000000003840090000000000384076f309783a00424075f309783a004240f8ffffffffff37400f00000000003840020000000000384027000000000038403300000000003840e0ffffffffff3740e0ffffffffff37400c0000000000384017000000000038402800000000003840000000000000f87f000000000000f87f11000000000038401600000000003840040000000000384026000000000038403400000000003840eaffffffffff3740f4ffffffffff3740160000000000384007000000000038404500000000003840000000000000f87f000000000000f87f8cffffffffff37400500000000003840f7ffffffffff37401f000000000038405300000000003840f1ffffffffff3740f6ffffffffff3740faffffffffff3740fbffffffffff37400000000000003840ffffffffffff37400200000000003840080000000000384014000000000038401a0000000000384026000000000038403f000000000038400100000000003840000000000000384002000000000038400000000000003840040000000000384003000000000038400000000000003840020000000000384006000000000038400400000000003840000000000000384000000000000038401b0000000000384019000000000038401800000000003840170000000000384013000000000038400c00000000003840f5ffffffffff3740f6ffffffffff3740f2ffffffffff3740ecffffffffff3740e3ffffffffff3740e7ffffffffff37400f00000000003840100000000000384016000000000038400f000000000038400f000000000038400c00000000003840f5ffffffffff3740fcffffffffff3740feffffffffff3740f2ffffffffff3740e2ffffffffff3740f2ffffffffff374010000000000038400f00000000003840100000000000384010000000000038400c000000000038400800000000003840f7ffffffffff3740f1ffffffffff3740f4ffffffffff3740f1ffffffffff3740f1ffffffffff3740f5ffffffffff3740090000000000384008000000000038400900000000003840070000000000384006000000000038400300000000003840f0ffffffffff3740edffffffffff3740ebffffffffff3740ebffffffffff3740e9ffffffffff3740edffffffffff3740b8ffffffffff3740b1ffffffffff3740f2ffffffffff3740f5ffffffffff374002000000000038407bf309783a0042406ef309783a004240e3ffffffffff3740f3ffffffffff3740e2ffffffffff3740e2ffffffffff3740d5ffffffffff374066ffffffffff374067ffffffffff3740cfffffffffff37408effffffffff37402f0000000000384076f309783a00424072f309783a004240ebffffffffff3740dbffffffffff3740b7ffffffffff374081ffffffffff3740f5ffffffffff374054ffffffffff374059ffffffffff3740b8ffffffffff3740c3ffffffffff37400f0000000000384074f309783a00424073f309783a0042400e00000000003840f6ffffffffff3740e9ffffffffff37405200000000003840210000000000384062ffffffffff374095ffffffffff374089ffffffffff3740d8ffffffffff3740060000000000384076f309783a00424076f309783a004240fcffffffffff3740e6ffffffffff3740d8ffffffffff3740f0ffffffffff37401200000000003840aaffffffffff3740acffffffffff3740b6ffffffffff3740d7ffffffffff3740d7ffffffffff374075f309783a00424075f309783a004240b9ffffffffff3740c3ffffffffff37400800000000003840e0ffffffffff37400b00000000003840aaffffffffff3740c7ffffffffff3740d0ffffffffff3740f4ffffffffff37400f00000000003840000000000000f87f000000000000f87fb4ffffffffff3740acffffffffff3740e1ffffffffff3740efffffffffff37400e00000000003840c3ffffffffff3740e5ffffffffff3740dcffffffffff3740f7ffffffffff37404200000000003840000000000000f87f000000000000f87f63ffffffffff3740ddffffffffff3740f2ffffffffff3740feffffffffff37401600000000003840e5ffffffffff3740ecffffffffff3740f5ffffffffff3740faffffffffff3740feffffffffff3740fdffffffffff3740020000000000384005000000000038400b000000000038400d000000000038400b0000000000384009000000000038400100000000003840ffffffffffff37400000000000003840ffffffffffff37400400000000003840010000000000384003000000000038400500000000003840060000000000384007000000000038400400000000003840ffffffffffff3740130000000000384011000000000038400f000000000038400c000000000038400c0000000000384008000000000038400000000000003840040000000000384003000000000038400300000000003840040000000000384004000000000038400f000000000038400b00000000003840140000000000384014000000000038400f000000000038400a00000000003840fbffffffffff37400000000000003840050000000000384002000000000038400c0000000000384009000000000038400b0000000000384007000000000038400e000000000038400b0000000000384008000000000038400900000000003840f9ffffffffff3740f3ffffffffff3740ffffffffffff3740feffffffffff374005000000000038400200000000003840080000000000384004000000000038400400000000003840080000000000384006000000000038400400000000003840f6ffffffffff3740f3ffffffffff3740f5ffffffffff3740f9ffffffffff3740f7ffffffffff3740faffffffffff3740c4ffffffffff3740b6ffffffffff3740d3ffffffffff37400e00000000003840040000000000384078f309783a0042406ef309783a004240eaffffffffff3740eeffffffffff3740d9ffffffffff3740ddffffffffff3740e9ffffffffff374076ffffffffff374046ffffffffff374097ffffffffff374037ffffffffff3740050000000000384073f309783a00424075f309783a004240e1ffffffffff3740dcffffffffff3740daffffffffff374071ffffffffff374007000000000038401fffffffffff374066ffffffffff37408dffffffffff3740dfffffffffff3740fbffffffffff374076f309783a00424074f309783a004240deffffffffff374000000000000038404d0000000000384055000000000038400f00000000003840f2ffffffffff374074ffffffffff37401fffffffffff3740cbffffffffff3740e1ffffffffff374075f309783a00424074f309783a004240dfffffffffff3740ecffffffffff3740d4ffffffffff374002000000000038402000000000003840e6feffffffff37400bffffffffff374054ffffffffff3740b3ffffffffff3740dbffffffffff374076f309783a00424075f309783a004240ccffffffffff3740c7ffffffffff3740d0ffffffffff3740ffffffffffff37400e000000000038402fffffffffff374080ffffffffff3740a5ffffffffff3740cdffffffffff37400d00000000003840000000000000f87f000000000000f87fbeffffffffff374029ffffffffff37409dffffffffff3740feffffffffff37402100000000003840c4ffffffffff3740c0ffffffffff3740cdffffffffff3740e8ffffffffff37400800000000003840000000000000f87f000000000000f87fb1ffffffffff3740dbffffffffff3740f4ffffffffff374023000000000038402300000000003840ddffffffffff3740e9ffffffffff3740f2ffffffffff3740f7ffffffffff3740f9ffffffffff3740fbffffffffff3740040000000000384008000000000038400f00000000003840100000000000384014000000000038401e0000000000384002000000000038400100000000003840ffffffffffff3740ffffffffffff3740030000000000384003000000000038400200000000003840030000000000384006000000000038400700000000003840050000000000384000000000000038400d000000000038400a000000000038400d000000000038400e000000000038400e000000000038400b0000000000384002000000000038400500000000003840090000000000384009000000000038400a000000000038400c000000000038400a00000000003840ffffffffffff37401000000000003840120000000000384010000000000038400900000000003840feffffffffff374003000000000038400400000000003840040000000000384011000000000038400b000000000038400500000000003840fcffffffffff37400f000000000038400d0000000000384000000000000038400500000000003840ffffffffffff37400800000000003840020000000000384002000000000038400b0000000000384006000000000038400400000000003840faffffffffff3740fdffffffffff3740010000000000384001000000000038400000000000003840fcffffffffff3740fdffffffffff3740fcffffffffff3740ffffffffffff374001000000000038400300000000003840d8ffffffffff3740bdffffffffff3740d5ffffffffff374001000000000038401f0000000000384077f309783a0042406ff309783a004240f5ffffffffff3740cfffffffffff3740ceffffffffff3740eeffffffffff3740f3ffffffffff374071ffffffffff374043ffffffffff3740a6ffffffffff374062ffffffffff3740ecffffffffff374073f309783a00424075f309783a004240ccffffffffff3740e2ffffffffff3740eaffffffffff37409effffffffff3740f1ffffffffff3740bcfeffffffff3740ecfeffffffff37405fffffffffff3740e9ffffffffff3740e2ffffffffff374076f309783a00424073f309783a004240dcffffffffff3740e2ffffffffff374086000000000038404e0000000000384013000000000038408dfeffffffff374016ffffffffff374002ffffffffff3740d9ffffffffff3740e4ffffffffff374076f309783a00424075f309783a0042400500000000003840b4ffffffffff37409effffffffff3740c9ffffffffff374020000000000038408ffeffffffff374014ffffffffff37409afeffffffff3740b1ffffffffff37401d0000000000384075f309783a00424076f309783a004240cdffffffffff3740ddffffffffff3740a6ffffffffff3740eeffffffffff374018000000000038403600000000003840eeffffffffff37403c0000000000384027000000000038401d00000000003840000000000000f87f000000000000f87f96ffffffffff374033ffffffffff374099ffffffffff37401e000000000038400d000000000038402f000000000038404a0000000000384022000000000038400a000000000038400700000000003840000000000000f87f000000000000f87fc3ffffffffff3740e4ffffffffff374004000000000038400d0000000000384005000000000038401c000000000038400b000000000038400500000000003840020000000000384004000000000038400200000000003840ffffffffffff374001000000000038400f00000000003840120000000000384011000000000038401500000000003840030000000000384007000000000038400600000000003840060000000000384005000000000038400500000000003840fdffffffffff374005000000000038400b000000000038400d000000000038400d000000000038400b0000000000384004000000000038400a000000000038400f0000000000384013000000000038400d000000000038400900000000003840ffffffffffff374004000000000038400600000000003840090000000000384016000000000038401000000000003840fdffffffffff3740fcffffffffff374014000000000038401c00000000003840100000000000384009000000000038400100000000003840ffffffffffff3740fdffffffffff3740000000000000384011000000000038401000000000003840f4ffffffffff3740ffffffffffff37401500000000003840150000000000384009000000000038400700000000003840fdffffffffff37400a00000000003840fdffffffffff374003000000000038400b000000000038400a00000000003840f8ffffffffff3740f9ffffffffff3740feffffffffff3740ffffffffffff374004000000000038400400000000003840fbffffffffff3740fdffffffffff3740fcffffffffff37400000000000003840feffffffffff37400100000000003840e1ffffffffff3740d1ffffffffff3740d3ffffffffff3740fdffffffffff37402b0000000000384076f309783a0042406ff309783a004240d4ffffffffff3740caffffffffff3740d4ffffffffff3740ecffffffffff3740f8ffffffffff3740a0ffffffffff374084ffffffffff3740bfffffffffff374098ffffffffff3740e9ffffffffff374072f309783a00424075f309783a004240c6ffffffffff3740dfffffffffff3740fcffffffffff3740ccffffffffff3740faffffffffff374057ffffffffff3740fefeffffffff374074ffffffffff37400b00000000003840ebffffffffff374075f309783a00424074f309783a004240edffffffffff3740d2ffffffffff37405f00000000003840550000000000384009000000000038408effffffffff3740d4feffffffff374069ffffffffff3740f1ffffffffff3740320000000000384076f309783a00424075f309783a004240f0ffffffffff3740fdffffffffff37401b00000000003840faffffffffff37400500000000003840aeffffffffff374047ffffffffff3740b8ffffffffff37409c00000000003840b70000000000384076f309783a00424076f309783a004240f0ffffffffff3740d9ffffffffff3740edffffffffff37402a000000000038400e00000000003840c4ffffffffff37408effffffffff3740e0ffffffffff3740af000000000038401f000000000038400c00000000003840f2ffffffffff3740d4ffffffffff3740b9ffffffffff37401200000000003840180000000000384015000000000038400400000000003840060000000000384029000000000038402e000000000038400f000000000038400900000000003840f7ffffffffff3740d1ffffffffff3740f3ffffffffff374012000000000038401d000000000038401800000000003840fbffffffffff374006000000000038400e000000000038400d000000000038400f000000000038400f00000000003840f9ffffffffff3740f0ffffffffff374001000000000038400c000000000038400d000000000038401700000000003840f9ffffffffff374007000000000038400c00000000003840110000000000384010000000000038400d00000000003840fcffffffffff3740faffffffffff3740010000000000384003000000000038400d000000000038400e00000000003840fcffffffffff3740010000000000384012000000000038401c0000000000384014000000000038400d00000000003840fdffffffffff3740f6ffffffffff3740f7ffffffffff3740fcffffffffff374008000000000038400b00000000003840faffffffffff374009000000000038401700000000003840220000000000384018000000000038400b000000000038400000000000003840f9ffffffffff3740f6ffffffffff3740f9ffffffffff37400d000000000038400700000000003840fbffffffffff374008000000000038401c0000000000384022000000000038400f000000000038400c00000000003840ffffffffffff37400100000000003840f8ffffffffff3740010000000000384009000000000038400400000000003840fcffffffffff374003000000000038400600000000003840060000000000384004000000000038400400000000003840fcffffffffff3740ffffffffffff37400100000000003840060000000000384007000000000038400300000000003840ebffffffffff3740dfffffffffff3740e0ffffffffff3740f8ffffffffff37401a0000000000384077f309783a00424070f309783a004240b9ffffffffff3740d1ffffffffff3740d3ffffffffff3740e0ffffffffff3740f9ffffffffff3740d5ffffffffff3740e3ffffffffff3740f9ffffffffff3740b9ffffffffff37400e0000000000384072f309783a00424073f309783a004240d0ffffffffff3740faffffffffff37401600000000003840ccffffffffff3740f8ffffffffff3740e0ffffffffff3740e5ffffffffff3740eeffffffffff37402400000000003840130000000000384076f309783a00424077f309783a004240e0ffffffffff3740080000000000384031000000000038400300000000003840f7ffffffffff3740030000000000384001000000000038400a00000000003840340000000000384086000000000038407df309783a00424077f309783a004240f8ffffffffff37400f00000000003840ceffffffffff374009000000000038400c000000000038401c000000000038400d0000000000384015000000000038404e000000000038404c000000000038409bf309783a0042407bf309783a0042400100000000003840f5ffffffffff3740050000000000384001000000000038400700000000003840110000000000384005000000000038401700000000003840300000000000384043000000000038400800000000003840eeffffffffff3740d8ffffffffff3740d2ffffffffff3740c3ffffffffff3740efffffffffff37400600000000003840010000000000384008000000000038401d000000000038401d0000000000384025000000000038401500000000003840f1ffffffffff3740d2ffffffffff3740edffffffffff3740f8ffffffffff3740fbffffffffff37400700000000003840f7ffffffffff374001000000000038401e0000000000384026000000000038402a000000000038401600000000003840eeffffffffff3740daffffffffff3740deffffffffff3740ecffffffffff3740faffffffffff37400800000000003840fcffffffffff374000000000000038402000000000003840260000000000384025000000000038401300000000003840f4ffffffffff3740dbffffffffff3740e3ffffffffff3740f2ffffffffff3740faffffffffff37400a00000000003840fbffffffffff374002000000000038401c000000000038402b0000000000384020000000000038400f00000000003840feffffffffff3740e9ffffffffff3740e5ffffffffff3740efffffffffff374002000000000038400900000000003840f9ffffffffff3740110000000000384020000000000038402e0000000000384024000000000038401000000000003840feffffffffff3740eaffffffffff3740e9ffffffffff3740f5ffffffffff374003000000000038400600000000003840feffffffffff37401a0000000000384028000000000038402a000000000038401a000000000038400c000000000038400000000000003840f2ffffffffff3740f6ffffffffff3740fdffffffffff37400100000000003840010000000000384003000000000038400d000000000038400b000000000038400d000000000038400c000000000038400500000000003840fbffffffffff3740fcffffffffff3740feffffffffff3740010000000000384004000000000038400200000000003840fcffffffffff3740f0ffffffffff3740fbffffffffff37400e000000000038403f0000000000384077f309783a0042406ff309783a004240d5ffffffffff3740c4ffffffffff3740d7ffffffffff3740d6ffffffffff3740f5ffffffffff3740f8ffffffffff3740fbffffffffff37400100000000003840fbffffffffff37405c0000000000384073f309783a00424074f309783a004240edffffffffff3740efffffffffff3740d4ffffffffff3740dcffffffffff3740f2ffffffffff3740f3ffffffffff37401200000000003840060000000000384032000000000038406c0000000000384076f309783a00424075f309783a004240eeffffffffff3740b8ffffffffff3740b3ffffffffff3740d8ffffffffff3740f1ffffffffff3740f3ffffffffff37400f000000000038400800000000003840130000000000384050000000000038407ff309783a00424079f309783a004240f6ffffffffff3740c4ffffffffff3740d7ffffffffff3740beffffffffff3740faffffffffff3740f1ffffffffff37401300000000003840160000000000384047000000000038401b0000000000384098f309783a00424082f309783a004240f8ffffffffff3740baffffffffff37400700000000003840dbffffffffff3740feffffffffff3740f1ffffffffff37400c000000000038401c000000000038403c000000000038401b000000000038400d00000000003840f0ffffffffff3740deffffffffff3740cbffffffffff3740f8ffffffffff3740dfffffffffff37400200000000003840e7ffffffffff37400a000000000038402a000000000038402e000000000038401c000000000038402500000000003840f0ffffffffff3740cfffffffffff3740c9ffffffffff3740efffffffffff3740efffffffffff37400100000000003840ebffffffffff374008000000000038402c00000000003840320000000000384019000000000038401800000000003840f0ffffffffff3740d4ffffffffff3740caffffffffff3740e2ffffffffff3740f0ffffffffff37400500000000003840f2ffffffffff37400c000000000038402f00000000003840360000000000384026000000000038401d00000000003840f2ffffffffff3740daffffffffff3740d5ffffffffff3740e6ffffffffff3740faffffffffff37400100000000003840fdffffffffff37400a00000000003840260000000000384034000000000038402f0000000000384015000000000038400000000000003840e6ffffffffff3740dcffffffffff3740ebffffffffff3740f9ffffffffff37400000000000003840010000000000384013000000000038402700000000003840350000000000384034000000000038401600000000003840fdffffffffff3740edffffffffff3740e6ffffffffff3740efffffffffff3740f9ffffffffff37400200000000003840080000000000384022000000000038403100000000003840320000000000384023000000000038401100000000003840feffffffffff3740f2ffffffffff3740f2ffffffffff3740f4ffffffffff3740f4ffffffffff374000000000000038400e000000000038400b000000000038400d0000000000384013000000000038400c000000000038400900000000003840fdffffffffff3740fdffffffffff3740fdffffffffff3740feffffffffff3740fcffffffffff37400700000000003840fcffffffffff374019000000000038401b000000000038402e000000000038406f0000000000384078f309783a00424071f309783a0042400200000000003840dbffffffffff3740d0ffffffffff3740e7ffffffffff3740d3ffffffffff37401f000000000038401b0000000000384027000000000038404e000000000038406b0000000000384074f309783a00424073f309783a0042400b00000000003840c7ffffffffff3740dcffffffffff3740d0ffffffffff3740e3ffffffffff37402300000000003840200000000000384024000000000038407f000000000038408e0000000000384076f309783a00424075f309783a004240fcffffffffff3740b9ffffffffff3740e5ffffffffff3740d8ffffffffff3740d0ffffffffff3740180000000000384023000000000038401a0000000000384012000000000038407c000000000038407cf309783a00424078f309783a0042400f0000000000384080ffffffffff3740e7ffffffffff3740d1ffffffffff3740dbffffffffff37400f0000000000384024000000000038400b000000000038401200000000003840620000000000384089f309783a00424081f309783a004240faffffffffff3740ccffffffffff3740ddffffffffff3740d1ffffffffff3740e4ffffffffff374006000000000038401c000000000038402b0000000000384012000000000038403e000000000038400c00000000003840efffffffffff3740e9ffffffffff3740cdffffffffff3740d4ffffffffff3740c3ffffffffff3740eaffffffffff3740ffffffffffff3740210000000000384043000000000038401d0000000000384022000000000038401500000000003840feffffffffff3740edffffffffff3740dbffffffffff3740ccffffffffff3740e2ffffffffff3740efffffffffff3740fbffffffffff37402000000000003840370000000000384033000000000038402c0000000000384015000000000038400000000000003840ecffffffffff3740d2ffffffffff3740dcffffffffff3740e6ffffffffff3740f4ffffffffff374005000000000038401b000000000038403000000000003840380000000000384037000000000038402b00000000003840faffffffffff3740eeffffffffff3740dcffffffffff3740e3ffffffffff3740f6ffffffffff3740fcffffffffff3740fcffffffffff37400c0000000000384030000000000038404100000000003840370000000000384025000000000038400200000000003840f1ffffffffff3740e2ffffffffff3740e9ffffffffff3740eaffffffffff3740feffffffffff374003000000000038400c000000000038403a00000000003840400000000000384030000000000038401e00000000003840fcffffffffff3740f6ffffffffff3740eeffffffffff3740f0ffffffffff3740efffffffffff3740feffffffffff37400a0000000000384014000000000038403f00000000003840370000000000384026000000000038401400000000003840feffffffffff3740faffffffffff3740f8ffffffffff3740f3ffffffffff3740f8ffffffffff3740ffffffffffff3740100000000000384017000000000038401500000000003840190000000000384010000000000038400c00000000003840fdffffffffff3740fdffffffffff3740fcffffffffff3740fdffffffffff3740000000000000384000000000000038401400000000003840250000000000384034000000000038405400000000003840650000000000384077f309783a00424070f309783a004240e7ffffffffff3740ebffffffffff3740d1ffffffffff3740d5ffffffffff3740c9ffffffffff3740210000000000384026000000000038403c000000000038404a000000000038406f0000000000384073f309783a00424074f309783a0042401c00000000003840fbffffffffff3740dbffffffffff3740c8ffffffffff3740b5ffffffffff3740290000000000384030000000000038403a0000000000384049000000000038406a0000000000384077f309783a00424075f309783a0042400600000000003840d0ffffffffff374072ffffffffff3740e9ffffffffff3740baffffffffff3740220000000000384035000000000038401b0000000000384034000000000038405d000000000038407cf309783a00424079f309783a004240f9ffffffffff3740cfffffffffff374075ffffffffff3740e3ffffffffff3740c6ffffffffff3740220000000000384035000000000038403e0000000000384027000000000038405c0000000000384080f309783a0042407cf309783a004240ffffffffffff3740d0ffffffffff3740efffffffffff3740d1ffffffffff3740cfffffffffff374025000000000038403a0000000000384038000000000038402f000000000038404200000000003840fbffffffffff3740ffffffffffff3740f9ffffffffff3740d9ffffffffff3740e4ffffffffff3740d4ffffffffff3740d2ffffffffff37402400000000003840390000000000384053000000000038403f000000000038403d000000000038400d000000000038401e00000000003840f2ffffffffff3740d4ffffffffff3740d7ffffffffff3740d2ffffffffff3740d6ffffffffff37402300000000003840260000000000384045000000000038404d00000000003840510000000000384042000000000038401500000000003840f3ffffffffff3740ddffffffffff3740e7ffffffffff3740d7ffffffffff3740e0ffffffffff37401d000000000038401d000000000038402a000000000038404e00000000003840560000000000384046000000000038400900000000003840f8ffffffffff3740e8ffffffffff3740ebffffffffff3740ddffffffffff3740e8ffffffffff3740160000000000384014000000000038403b000000000038404c0000000000384049000000000038402d000000000038400100000000003840f4ffffffffff3740f6ffffffffff3740ecffffffffff3740e7ffffffffff3740f3ffffffffff37401300000000003840170000000000384039000000000038403c000000000038403d000000000038402000000000003840f9ffffffffff3740f2ffffffffff3740f7ffffffffff3740efffffffffff3740ebffffffffff3740f7ffffffffff37400f000000000038401a000000000038402d000000000038403600000000003840320000000000384012000000000038400200000000003840fbffffffffff3740f2ffffffffff3740f4ffffffffff3740f8ffffffffff374004000000000038400b0000000000384017000000000038401e000000000038401c0000000000384015000000000038400c00000000003840feffffffffff3740fcffffffffff3740faffffffffff3740faffffffffff3740fdffffffffff374005000000000038402e00000000003840370000000000384045000000000038404300000000003840660000000000384077f309783a00424070f309783a004240fbffffffffff3740d6ffffffffff3740daffffffffff3740d4ffffffffff3740ddffffffffff37403000000000003840410000000000384050000000000038404100000000003840790000000000384072f309783a00424074f309783a004240d2ffffffffff3740e1ffffffffff37409effffffffff3740a3ffffffffff3740beffffffffff37402a00000000003840290000000000384059000000000038405700000000003840790000000000384076f309783a00424075f309783a004240c3ffffffffff3740d7ffffffffff374032ffffffffff37408cffffffffff3740baffffffffff374039000000000038402b0000000000384057000000000038404d000000000038407c000000000038407bf309783a00424076f309783a004240c4ffffffffff3740c1ffffffffff3740fafeffffffff374099ffffffffff3740b8ffffffffff374037000000000038404d00000000003840580000000000384055000000000038406e000000000038407df309783a00424079f309783a004240c6ffffffffff3740bcffffffffff37408dffffffffff3740a7ffffffffff3740bbffffffffff374034000000000038404900000000003840520000000000384046000000000038405b00000000003840f9ffffffffff37401000000000003840e7ffffffffff3740d6ffffffffff3740dfffffffffff3740c2ffffffffff3740c4ffffffffff3740390000000000384045000000000038405a000000000038405e000000000038406200000000003840490000000000384023000000000038400100000000003840c9ffffffffff3740c7ffffffffff3740c3ffffffffff3740caffffffffff374032000000000038403800000000003840590000000000384062000000000038406b0000000000384060000000000038402300000000003840eeffffffffff3740e5ffffffffff3740f9ffffffffff3740d4ffffffffff3740d5ffffffffff37402c000000000038402600000000003840340000000000384051000000000038405f000000000038404b0000000000384015000000000038400e000000000038400400000000003840f3ffffffffff3740d8ffffffffff3740dcffffffffff37402600000000003840230000000000384038000000000038404a0000000000384040000000000038402d00000000003840000000000000384010000000000038400900000000003840e7ffffffffff3740dcffffffffff3740e3ffffffffff3740230000000000384028000000000038403500000000003840390000000000384031000000000038402500000000003840fdffffffffff37400c000000000038400900000000003840ebffffffffff3740e5ffffffffff3740eaffffffffff37402e00000000003840290000000000384031000000000038403b000000000038402d000000000038401d000000000038400a000000000038400300000000003840f9ffffffffff3740efffffffffff3740edffffffffff3740efffffffffff37402f00000000003840210000000000384024000000000038401f00000000003840170000000000384014000000000038400100000000003840fdffffffffff3740f7ffffffffff3740f5ffffffffff3740f6ffffffffff3740f4ffffffffff37403d0000000000384046000000000038403c0000000000384050000000000038406e0000000000384079f309783a00424070f309783a00424095ffffffffff3740cdffffffffff3740c0ffffffffff3740beffffffffff3740bcffffffffff37402e00000000003840560000000000384043000000000038405e00000000003840750000000000384074f309783a00424074f309783a004240a8ffffffffff374093ffffffffff374074ffffffffff374094ffffffffff3740aaffffffffff374039000000000038405e0000000000384040000000000038408b000000000038407d0000000000384076f309783a00424075f309783a0042408fffffffffff374069ffffffffff3740d0feffffffff374068ffffffffff3740afffffffffff3740340000000000384076000000000038404b0000000000384084000000000038407b0000000000384078f309783a00424075f309783a0042408fffffffffff374087ffffffffff37405affffffffff374075ffffffffff3740b5ffffffffff3740440000000000384077000000000038406a000000000038407c0000000000384078000000000038407bf309783a00424077f309783a00424093ffffffffff37408cffffffffff37407affffffffff374095ffffffffff3740bbffffffffff374042000000000038405b0000000000384084000000000038407a00000000003840810000000000384027000000000038400c00000000003840abffffffffff374093ffffffffff374092ffffffffff3740a7ffffffffff3740c7ffffffffff37403d000000000038404e00000000003840670000000000384090000000000038407b0000000000384049000000000038403800000000003840c7ffffffffff3740a4ffffffffff3740c8ffffffffff3740c5ffffffffff3740cdffffffffff3740320000000000384042000000000038405100000000003840790000000000384092000000000038405a00000000003840080000000000384004000000000038400d00000000003840eaffffffffff3740d2ffffffffff3740d9ffffffffff374026000000000038402e000000000038403200000000003840430000000000384038000000000038401900000000003840010000000000384052000000000038401d00000000003840edffffffffff3740daffffffffff3740e4ffffffffff374021000000000038402300000000003840280000000000384029000000000038403400000000003840320000000000384015000000000038401c000000000038400100000000003840eaffffffffff3740deffffffffff3740ebffffffffff3740210000000000384029000000000038402d000000000038402b000000000038402900000000003840270000000000384010000000000038400900000000003840f6ffffffffff3740e7ffffffffff3740e6ffffffffff3740f2ffffffffff37402b000000000038402e000000000038402b000000000038402800000000003840280000000000384021000000000038400900000000003840feffffffffff3740f7ffffffffff3740edffffffffff3740f0ffffffffff3740fbffffffffff37402a00000000003840230000000000384022000000000038401e000000000038401a0000000000384015000000000038400200000000003840fbffffffffff3740f5ffffffffff3740f5ffffffffff3740f5ffffffffff3740f7ffffffffff3740');
CREATE TABLE result_simulation (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  scenario TEXT NOT NULL, t0_s REAL NOT NULL, step_s REAL NOT NULL, steps INTEGER NOT NULL,
  design_it_w REAL, energy_it_wh REAL, energy_losses_wh REAL, energy_cooling_wh REAL,
  energy_facility_wh REAL, energy_grid_wh REAL, energy_standby_wh REAL,
  energy_battery_delta_wh REAL, battery_soc_change_wh REAL, battery_losses_wh REAL,
  battery_cycles REAL, peak_grid_import_w REAL, max_ramp_mw_per_s REAL,
  max_it_ramp_mw_per_s REAL, dynamic_range_w REAL, window_dynamic_range_w REAL,
  band_energy_w2s REAL, band_rms_w REAL, pue REAL, water_l REAL, wue_l_per_kwh REAL,
  hours_above_recommended REAL, smoothing_extra_energy_wh REAL, elec_solves INTEGER,
  plant_solves INTEGER, run_s REAL);
CREATE TABLE result_series (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  level TEXT NOT NULL,                -- site, building, hall, block
  entity_id INTEGER,                  -- NULL for the site, else the building, hall or block converter id
  name TEXT NOT NULL, t0_s REAL NOT NULL, step_s REAL NOT NULL, count INTEGER NOT NULL,
  layout TEXT NOT NULL,               -- float64-le: count little-endian IEEE 754 doubles
  "values" BLOB NOT NULL);
CREATE TABLE result_rack_snapshot (
  run_id INTEGER NOT NULL REFERENCES result_run(id) ON DELETE CASCADE,
  t_s REAL NOT NULL, rack_id INTEGER NOT NULL, it_w REAL, input_w REAL,
  inlet_c REAL);
CREATE INDEX elec_edge_from ON elec_edge (from_node_id);
CREATE INDEX elec_edge_to ON elec_edge (to_node_id);
CREATE INDEX cooling_unit_loop ON cooling_unit (loop_id);
CREATE INDEX cooling_unit_condenser_loop ON cooling_unit (condenser_loop_id);
CREATE INDEX rack_row ON rack (row_id);
CREATE INDEX result_series_run ON result_series(run_id);
CREATE INDEX result_rack_snapshot_run ON result_rack_snapshot(run_id);
CREATE INDEX result_rack_run ON result_rack(run_id);
CREATE INDEX result_elec_node_run ON result_elec_node(run_id);
COMMIT;
