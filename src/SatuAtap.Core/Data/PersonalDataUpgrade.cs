using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Data;

/// <summary>
/// Rewrites personal data not yet under the current key: rows stored in clear by an earlier version (or written straight
/// into the tables) are encrypted and the bookings' person keys become keyed hashes; rows written with an older key are
/// encrypted again with the current one (after a rotation). Runs after the migrations; a database with nothing to
/// rewrite costs one query per table. Values are read through the model, which reads clear text and older keys, so
/// rows not yet rewritten keep working. Several nodes may run it at once: a row another node (or a user) changed
/// meanwhile is simply looked at again.
/// </summary>
public static class PersonalDataUpgrade
{
    private const int Batch = 500;

    /// <summary>How many rows were rewritten.</summary>
    public static async Task<int> RunAsync(SatuAtapDb db, CancellationToken ct = default)
    {
        var protector = PersonalDataModel.ProtectorOf(db);
        if (protector is null) return 0;
        // Key ids hold no LIKE wildcard ('%' or '_'), so this matches exactly the values written with the current key.
        var marker = PersonalDataProtector.TextMarker + protector.CurrentKeyId + ":%";
        var changed = 0;
        while (true)
        {
            var ids = await db.Database.SqlQueryRaw<Guid>(
                """SELECT "Id" AS "Value" FROM "Applications" WHERE ("ApplicantNik" IS NOT NULL AND "ApplicantNik" NOT LIKE {0}) OR "FieldsJson" NOT LIKE {0} LIMIT {1}""",
                marker, Batch).ToListAsync(ct);
            if (ids.Count == 0) break;
            foreach (var app in await db.Applications.Where(a => ids.Contains(a.Id)).ToListAsync(ct))
            {
                var entry = db.Entry(app);
                entry.Property(a => a.ApplicantNik).IsModified = app.ApplicantNik is not null;
                entry.Property(a => a.FieldsJson).IsModified = true;
            }
            changed += await SaveAsync(db, ids.Count, ct);
        }
        while (true)
        {
            var ids = await db.Database.SqlQueryRaw<Guid>(
                """SELECT "Id" AS "Value" FROM "QueueBookings" WHERE ("Nik" IS NOT NULL AND "Nik" NOT LIKE {0}) OR "PhoneKey" LIKE '%|%' OR "NikKey" LIKE '%|%' LIMIT {1}""",
                marker, Batch).ToListAsync(ct);
            if (ids.Count == 0) break;
            foreach (var booking in await db.Bookings.Where(b => ids.Contains(b.Id)).ToListAsync(ct))
            {
                db.Entry(booking).Property(b => b.Nik).IsModified = booking.Nik is not null;
                // The old key was the text the keyed hash is made of (Booking.PersonKeyText).
                if (booking.PhoneKey?.Contains('|') == true) booking.PhoneKey = protector.Hash(booking.PhoneKey);
                if (booking.NikKey?.Contains('|') == true) booking.NikKey = protector.Hash(booking.NikKey);
            }
            changed += await SaveAsync(db, ids.Count, ct);
        }
        if (changed > 0 && db.IsSqlite)
        {
            // SQLite leaves the old (clear) values in freed pages and in the write-ahead log: rebuild the file and empty the log.
            await db.Database.ExecuteSqlRawAsync("VACUUM;", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
        }
        return changed;
    }

    private static async Task<int> SaveAsync(SatuAtapDb db, int count, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return count;
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // changed meanwhile (by another node's rewrite or by a user): the next round looks again
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
