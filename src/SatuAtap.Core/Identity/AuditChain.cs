using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Identity;

/// <summary>
/// The audit log as a hash chain. Appending takes the chain's lock inside the write transaction (PostgreSQL: a
/// transaction-scoped advisory lock; SQLite: the transaction already holds the database's write lock because it has
/// written before it reads), reads the last entry, and links the new ones after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The advisory lock key that serialises appends on PostgreSQL ("SATUAUDT").</summary>
    public const long LockKey = 0x5341545541554454;

    /// <summary>Gives the entries their sequence numbers and hashes, after the last entry in the database.</summary>
    /// <remarks>Must run inside the transaction that inserts them.</remarks>
    internal static async Task LinkAsync(SatuAtapDb db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        await LockAsync(db, ct);
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash;
        foreach (var e in entries)
        {
            e.Sequence = ++sequence;
            e.AtUtc = Canonical(e.AtUtc);
            e.PreviousHash = previous;
            e.Hash = Compute(e);
            previous = e.Hash;
        }
    }

    /// <summary>Links entries written before the chain existed (or by a writer that bypassed it), oldest first.</summary>
    public static async Task<int> LinkUnchainedAsync(SatuAtapDb db, CancellationToken ct = default)
    {
        if (!await db.AuditEntries.AnyAsync(a => a.Sequence == null, ct)) return 0;
        var linked = 0;
        while (true)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var batch = await db.AuditEntries.Where(a => a.Sequence == null).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).Take(1000).ToListAsync(ct);
            if (batch.Count == 0) return linked;
            await LinkAsync(db, batch, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            linked += batch.Count;
        }
    }

    private static Task LockAsync(SatuAtapDb db, CancellationToken ct) =>
        db.IsSqlite ? Task.CompletedTask : db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);

    /// <summary>Whole microseconds in UTC: what both databases store and give back unchanged.</summary>
    public static DateTime Canonical(DateTime atUtc) => new(atUtc.Ticks - atUtc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>SHA-256 over the previous hash and the entry's fields, each written as its length, a colon and the text (null as -1).</summary>
    public static string Compute(AuditEntry e)
    {
        var text = new StringBuilder();
        void Add(string? value)
        {
            if (value is null) text.Append("-1:");
            else text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
            text.Append('\n');
        }
        Add(e.PreviousHash);
        Add(e.Sequence?.ToString(CultureInfo.InvariantCulture));
        Add(e.Id.ToString("D"));
        Add(Canonical(e.AtUtc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        Add(e.UserId?.ToString("D"));
        Add(e.UserName);
        Add(e.EntityType);
        Add(e.EntityKey);
        Add(e.Action);
        Add(e.Before);
        Add(e.After);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>Where the chain first breaks: the entry whose link or hash does not hold.</summary>
public sealed record AuditBreak(long? Sequence, Guid Id);

/// <summary>The answer of <c>GET /api/v1/audit/verify</c>.</summary>
public sealed record AuditVerification(long Checked, AuditBreak? FirstBroken);

/// <summary>
/// Walks the whole audit log in sequence order and recomputes every hash: an entry whose contents were changed, whose
/// predecessor was removed or changed, or which is not linked at all is a broken link.
/// </summary>
public sealed class VerifyAuditChain(SatuAtapDb db)
{
    public async Task<AuditVerification> HandleAsync(CancellationToken ct = default)
    {
        long checkedCount = 0, expected = 1;
        string? previous = null;
        AuditBreak? broken = null;
        await foreach (var e in db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            checkedCount++;
            if (broken is null && (e.Sequence != expected || e.PreviousHash != previous || e.Hash != AuditChain.Compute(e)))
                broken = new AuditBreak(e.Sequence, e.Id);
            expected = e.Sequence!.Value + 1;
            previous = e.Hash;
        }
        var unlinked = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == null).OrderBy(a => a.AtUtc).ThenBy(a => a.Id)
            .Select(a => a.Id).ToListAsync(ct);
        checkedCount += unlinked.Count;
        if (broken is null && unlinked.Count > 0) broken = new AuditBreak(null, unlinked[0]);
        return new AuditVerification(checkedCount, broken);
    }
}
