mpc.version = '2';
mpc.baseMVA = 1e-320;
mpc.bus = [1 3 0 0 0 0 1 1 0 1 1 1 1];
mpc.gen = [];
mpc.branch = [];
