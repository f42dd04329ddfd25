mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [9007199254740993 3 0 0 0 0 1 1 0 1 1 1 1];
mpc.gen = [9007199254740993 0 0 0 0 1 1 1 0 0];
mpc.branch = [];
