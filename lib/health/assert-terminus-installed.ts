// Imported first by nestjs-karafka/health: without the optional peer, say how to get it rather than Node's
// bare "Cannot find module".
try {
  require.resolve('@nestjs/terminus');
} catch {
  throw new Error(
    'nestjs-karafka/health needs the optional peer @nestjs/terminus, which is not installed: npm install @nestjs/terminus',
  );
}
