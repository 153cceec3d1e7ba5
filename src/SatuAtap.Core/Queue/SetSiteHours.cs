using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Queue;

/// <summary>
/// A manager sets a building's opening hours per weekday (a weekday left out is closed): checked by
/// <see cref="OpeningHours.Read"/>, saved in one transaction with an audit entry of the week before and after, and
/// announced so that every node's <see cref="QueueCache"/> reads the site again (the kiosk's open/closed check and the
/// hours it shows follow at once). A mobile site has no weekly hours: it is open during its visits.
/// </summary>
public sealed class SetSiteHours(SatuAtapDb db, QueueCache cache, TimeProvider clock)
{
    public async Task<Outcome<IReadOnlyList<SiteHoursItem>>> HandleAsync(Guid siteId, IReadOnlyList<SiteHoursItem?>? items, Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsManager) return Outcome<IReadOnlyList<SiteHoursItem>>.Forbidden();
        var site = await db.QueueSites.FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null) return Outcome<IReadOnlyList<SiteHoursItem>>.NotFound(Lang.T("Lokasi tidak ditemukan.", "Site not found."));
        if (site.Kind != SiteKind.Building)
            return Outcome<IReadOnlyList<SiteHoursItem>>.Conflict(Lang.T("Lokasi MPP keliling tidak punya jam mingguan: jamnya mengikuti jadwal kunjungan.",
                "A mobile-unit site has no weekly hours: its hours follow its visits."));
        var (week, errors) = OpeningHours.Read(items);
        if (errors.Count > 0) return Outcome<IReadOnlyList<SiteHoursItem>>.Invalid(errors);

        var before = OpeningHours.Items(site.Hours);
        // Changed in place (same weekday: new times; left out: removed; new weekday: added), so each row keeps its key.
        foreach (var gone in site.Hours.Where(h => week.All(w => w.Weekday != h.Weekday)).ToList()) site.Hours.Remove(gone);
        foreach (var w in week)
        {
            if (site.Hours.FirstOrDefault(h => h.Weekday == w.Weekday) is { } kept)
            {
                kept.Opens = w.Opens;
                kept.Closes = w.Closes;
            }
            else site.Hours.Add(w);
        }
        var after = OpeningHours.Items(site.Hours);
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime, UserId = caller.UserId, UserName = caller.Account, EntityType = nameof(SiteHours),
            EntityKey = site.Id.ToString(), Action = "updated", Before = JsonSerializer.Serialize(before), After = JsonSerializer.Serialize(after),
        });
        // One save: the rows and the audit entry are written in one transaction, or none of them.
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Outcome<IReadOnlyList<SiteHoursItem>>.Ok(after);
    }
}
