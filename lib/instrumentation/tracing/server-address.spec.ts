import { serverAddress } from './server-address';

describe('serverAddress', () => {
  it('splits host:port, with IPv6 hosts in brackets', () => {
    expect(serverAddress('127.0.0.1:19092')).toEqual({ address: '127.0.0.1', port: 19092 });
    expect(serverAddress('kafka-1.internal:9093')).toEqual({ address: 'kafka-1.internal', port: 9093 });
    expect(serverAddress('[::1]:9092')).toEqual({ address: '::1', port: 9092 });
  });

  it('keeps a broker without a port as the address, and nothing for no broker', () => {
    expect(serverAddress('kafka')).toEqual({ address: 'kafka' });
    expect(serverAddress(undefined)).toEqual({});
  });
});
