import { StaleMembers } from './stale-member';

describe('StaleMembers', () => {
  it('has nothing to remove while the consumer only joins and rejoins as the same member', () => {
    const members = new StaleMembers();
    members.joined('m-1');
    members.joined('m-1');
    expect(members.pending).toEqual([]);
  });

  it('after a crash, holds the member the consumer was until its removal is settled', () => {
    const members = new StaleMembers();
    members.joined('m-1');
    members.crashed();
    expect(members.pending).toEqual(['m-1']);
    members.joined('m-2');
    expect(members.pending).toEqual(['m-1']);
    members.forget('m-1');
    expect(members.pending).toEqual([]);
  });

  it('keeps every member of successive crashes, oldest first, and none twice', () => {
    const members = new StaleMembers();
    members.joined('m-1');
    members.crashed();
    members.crashed(); // a restart that never got as far as joining leaves no member behind
    members.joined('m-2');
    members.crashed();
    expect(members.pending).toEqual(['m-1', 'm-2']);
  });

  it('starts with the member of the consumer it replaces, unless it joins as that member again', () => {
    expect(new StaleMembers('m-0').pending).toEqual(['m-0']);
    expect(new StaleMembers().pending).toEqual([]);
    const rejoined = new StaleMembers('m-0');
    rejoined.joined('m-0');
    expect(rejoined.pending).toEqual([]);
  });

  it('ignores a join without a member id', () => {
    const members = new StaleMembers();
    members.joined('m-1');
    members.joined(undefined);
    members.crashed();
    expect(members.pending).toEqual(['m-1']);
  });
});
