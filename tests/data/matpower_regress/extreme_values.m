mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [1 3 0 0 0 0 1 0 0 1 1 1 1; 2 1 1e300 1e300 0 0 1 1 0 1 1 1 1];
mpc.gen = [1 0 0 0 0 1 1 1 0 0];
mpc.branch = [1 2 1e-300 1e-300 0 0 0 0 0 0 1];
