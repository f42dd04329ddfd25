mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus_name = {'abc
