// The tests run the built functions through the runtime stand-in in emulator/.
export * from '../../emulator/functions-runtime';
