using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Data;

/// <summary>
/// Rewrites rows stored before personal data was encrypted (a database from an earlier version, or rows written straight
/// into the tables): NIKs and fields are encrypted, and the bookings' person keys become keyed hashes. Runs after the
/// migrations; a database with nothing left to convert costs one query per table. Values are read through the model,
/// which reads clear text as it is, so rows not yet converted keep working.
/// </summary>
public static class PersonalDataUpgrade
{
    private const int Batch = 500;

    /// <summary>How many rows were rewritten.</summary>
    public static async Task<int> RunAsync(SatuAtapDb db, CancellationToken ct = default)
    {
        var protector = PersonalDataModel.ProtectorOf(db);
        if (protector is null) return 0;
        var marker = PersonalDataProtector.TextMarker + "%";
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
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            changed += ids.Count;
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
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            changed += ids.Count;
        }
        return changed;
    }
}
