/** `server.address` and `server.port` of a broker written `host:port` (IPv6 hosts in brackets). */
export function serverAddress(broker: string | undefined): { address?: string; port?: number } {
  if (!broker) return {};
  const match = /^\[?(.*?)\]?:(\d+)$/.exec(broker.trim());
  if (!match) return { address: broker.trim() };
  return { address: match[1], port: Number(match[2]) };
}
