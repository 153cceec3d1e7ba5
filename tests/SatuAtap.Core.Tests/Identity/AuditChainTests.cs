using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Tests.Identity;

public sealed class AuditChainTests
{
    private static AuditEntry Entry() => new()
    {
        Id = Guid.Parse("0193a000-0000-7000-8000-000000000001"), Sequence = 7, PreviousHash = new string('a', 64),
        AtUtc = new DateTime(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc).AddTicks(12_345_678), UserId = Guid.Parse("0193a000-0000-7000-8000-000000000002"),
        UserName = "pengelola@demo.satuatap.id", EntityType = "Service", EntityKey = "DKP-KTP", Action = "updated", Before = "{\"a\":1}", After = "{\"a\":2}",
    };

    [Fact]
    public void Hash_IsSha256Hex_AndTheSameForTheSameEntry()
    {
        var hash = AuditChain.Compute(Entry());
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, AuditChain.Compute(Entry()));
    }

    public static TheoryData<string> Changes => ["sequence", "previous", "id", "time", "user", "name", "type", "key", "action", "before", "after", "shift"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Hash_Changes_WhenAnyFieldChanges(string field)
    {
        var e = Entry();
        switch (field)
        {
            case "sequence": e.Sequence = 8; break;
            case "previous": e.PreviousHash = new string('b', 64); break;
            case "id": e.Id = Guid.NewGuid(); break;
            case "time": e.AtUtc = e.AtUtc.AddTicks(10); break;
            case "user": e.UserId = null; break;
            case "name": e.UserName = "someone"; break;
            case "type": e.EntityType = "Agency"; break;
            case "key": e.EntityKey = "DKP-KK"; break;
            case "action": e.Action = "deleted"; break;
            case "before": e.Before = null; break;
            case "after": e.After = ""; break;
            // Moving text from one field to the next must not give the same hash.
            case "shift": e.EntityType = "ServiceD"; e.EntityKey = "KP-KTP"; break;
        }
        Assert.NotEqual(AuditChain.Compute(Entry()), AuditChain.Compute(e));
    }

    [Fact]
    public void Time_IsHashedToWholeMicroseconds_AsBothDatabasesStoreIt()
    {
        var e = Entry();
        var stored = Entry();
        stored.AtUtc = DateTime.SpecifyKind(AuditChain.Canonical(e.AtUtc), DateTimeKind.Unspecified);
        Assert.Equal(AuditChain.Compute(e), AuditChain.Compute(stored));
        Assert.Equal(0, AuditChain.Canonical(e.AtUtc).Ticks % 10);
    }
}
