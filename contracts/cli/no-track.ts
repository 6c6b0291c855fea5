// Imported first by every entry point: ES modules evaluate their imports in order, so this runs before Pact's
// modules load. Without it Pact sends usage data and prints warnings about it (toolchain.md).
process.env['PACT_DO_NOT_TRACK'] ??= 'true';
