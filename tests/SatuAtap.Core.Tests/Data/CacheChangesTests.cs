using SatuAtap.Core.Data;

namespace SatuAtap.Core.Tests.Data;

public sealed class CacheChangesTests
{
    [Fact]
    public void AChangeHeardFromAnotherNode_ReachesTheCachesListeningUnderItsName_Only()
    {
        var changes = new CacheChanges();
        var heard = new List<string>();
        changes.Listen("catalog", key => heard.Add("catalog:" + key));
        changes.Listen("queue", key => heard.Add("queue:" + key));

        changes.Heard("queue", "slot-1");
        changes.Heard("unknown", null);

        Assert.Equal(["queue:slot-1"], heard);
    }

    [Fact]
    public void AnAnnouncedChange_GoesToTheTransport_AndNotBackToThisNodesCaches()
    {
        var changes = new CacheChanges();
        var sent = new List<(string, string?)>();
        var heard = 0;
        changes.Listen("catalog", _ => heard++);

        changes.Announce("catalog"); // one node: nowhere to go
        Assert.False(changes.Shared);
        changes.Transport = (cache, key) => sent.Add((cache, key));
        changes.Announce("catalog");
        changes.Announce("queue", "slot-1");

        Assert.True(changes.Shared);
        Assert.Equal([("catalog", null), ("queue", "slot-1")], sent);
        Assert.Equal(0, heard);
    }

    [Fact]
    public void ForgetAll_TellsEveryCache_ToForgetEverything_AndAStoppedListenerHearsNothing()
    {
        var changes = new CacheChanges();
        var keys = new List<string?>();
        changes.Listen("catalog", keys.Add);
        var stopped = changes.Listen("queue", keys.Add);
        stopped.Dispose();

        changes.ForgetAll();
        changes.Heard("queue", "slot-1");

        Assert.Equal([null], keys);
    }
}
