function mpc = case5_traps
%CASE5_TRAPS  dctwin's own small MATPOWER case, written by hand to hold the traps of the format
%   in five buses: non-consecutive bus numbers out of order, an isolated bus with a branch and a
%   gen, a PV bus whose only gen is out of service (solved as PQ), two gens on the reference bus
%   (slack P on the first, Q shared by range, one with infinite limits), a tap-changing
%   transformer with a phase shift, a parallel pair, an out-of-service branch, shunts, extra
%   columns, commas, a continuation and comments at the ends of rows.

%% MATPOWER Case Format : Version 2
mpc.version = '2';

mpc.baseMVA = 100;   % system base

%% bus data
%	bus_i	type	Pd	Qd	Gs	Bs	area	Vm	Va	baseKV	zone	Vmax	Vmin
mpc.bus = [
	10	3	0	0	0	0	1	1.02	5	230	1	1.1	0.9;
	3	1	90, 30,	0	19	1	1	0	230	1	1.1	0.9;  % capacitor
	7	2	100	35	2.5	0	1	1	0	230	1	1.1	0.9;
	12	1	125	50	0	0	1	1	0	115	1	...
		1.1	0.9;
	40	4	0	0	0	0	1	1	0	115	1	1.1	0.9;
];

%% generator data
%	bus	Pg	Qg	Qmax	Qmin	Vg	mBase	status	Pmax	Pmin
mpc.gen = [
	10	100	0	Inf	-Inf	1.04	100	1	400	0;
	10	60	5	120	-40	1.04	100	1	200	0;
	7	80	10	100	-100	1.01	100	0	200	0;   % out of service: bus 7 is PQ
	12	20	5	50	-50	1.00	100	1	50	0;   % at a PQ bus: a negative load
	40	10	0	10	-10	1.00	100	1	50	0;   % at the isolated bus: ignored
];

%% branch data
%	fbus	tbus	r	x	b	rateA	rateB	rateC	ratio	angle	status	angmin	angmax	(stale Pf Qf Pt Qt)
mpc.branch = [
	10	3	0.01	0.085	0.176	250	250	250	0	0	1	-360	360	11.1	2.2	-11	-2;
	3	7	0.017	0.092	0.158	250	250	250	0	0	1	-360	360	11.1	2.2	-11	-2;
	7	12	0.0	0.0625	0	250	250	250	1.05	-3	1	-360	360	11.1	2.2	-11	-2;
	7	12	0.0	0.0625	0	250	250	250	1.05	-3	1	-360	360	11.1	2.2	-11	-2;
	12	10	0.032	0.161	0.306	250	250	250	0	0	1	-360	360	11.1	2.2	-11	-2;
	3	12	0.039	0.17	0.358	150	150	150	0	0	0	-360	360	11.1	2.2	-11	-2;
	12	40	0.0119	0.1008	0.209	150	150	150	0	0	1	-360	360	11.1	2.2	-11	-2;
];

mpc.gencost = [
	2	0	0	3	0.11	5	150;
	2	0	0	3	0.085	1.2	600;
	2	0	0	3	0.1	1	335;
	2	0	0	3	0.1	1	335;
	2	0	0	3	0.1	1	335;
];

mpc.bus_name = {
	'Slack 10';
	'Load ''3''';
	'PV off 7 % not a comment';
	'Load 12';
	'Isolated 40';
};
