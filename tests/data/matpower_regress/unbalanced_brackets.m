function mpc = x
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [[[[[[[[[[
