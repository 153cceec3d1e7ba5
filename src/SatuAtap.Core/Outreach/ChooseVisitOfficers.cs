using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

public sealed record VisitOfficersRequest(string?[]? OfficerIds);

/// <summary>
/// A manager chooses the officers who travel with a visit (replacing any chosen before): staff accounts of the
/// agencies whose services the visit offers (<see cref="CrewRules.ChoiceRefusal"/>). Each of their agencies gets a
/// counter at the stop's site serving the visit's services of that agency (the agency's counter already placed there,
/// else one made for the stop), so that on the visit's day they call and serve there as at the building. The choice is
/// written to the audit log in the same transaction: who chose, the visit, and the officers' account ids before and
/// after (ids only: no names).
/// </summary>
public sealed class ChooseVisitOfficers(SatuAtapDb db, CatalogCache catalog, OutreachReads reads, QueueCache queue, TimeProvider clock)
{
    public const int MaxOfficers = 30;
    /// <summary>The audit entry's <see cref="AuditEntry.EntityType"/>; its key is the visit's id.</summary>
    public const string AuditType = "VisitOfficers";

    public async Task<Outcome<VisitView>> HandleAsync(Guid visitId, VisitOfficersRequest request, Caller caller, CancellationToken ct)
    {
        if (!caller.IsManager) return Outcome<VisitView>.Forbidden();
        var errors = new FieldErrors();
        var ids = new List<Guid>();
        if (request.OfficerIds is null) errors.Missing("officerIds");
        else if (request.OfficerIds.Length > MaxOfficers)
            errors.Add("officerIds", Lang.T($"Paling banyak {MaxOfficers} petugas.", $"At most {MaxOfficers} officers."));
        else
            for (var i = 0; i < request.OfficerIds.Length; i++)
            {
                if (Guid.TryParse(request.OfficerIds[i], out var id)) { if (!ids.Contains(id)) ids.Add(id); }
                else errors.Add($"officerIds[{i}]", Lang.T("Harus berupa id akun petugas (GUID).", "Must be an officer's account id (GUID)."));
            }
        if (errors.Any) return Outcome<VisitView>.Invalid(errors.ToDictionary());

        var visit = await db.OutreachVisits.AsNoTracking().Include(v => v.Services).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null) return Outcome<VisitView>.NotFound(Lang.T("Kunjungan tidak ditemukan.", "Visit not found."));
        if (visit.Status == VisitStatus.Cancelled) return Outcome<VisitView>.Conflict(Lang.T("Kunjungan ini sudah dibatalkan.", "This visit is cancelled."));
        if (visit.IsDone(reads.UtcNow)) return VisitPlanning.Unprocessable<VisitView>(Lang.T("Kunjungan ini sudah selesai.", "This visit is over."));

        var accounts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.FullName, u.AgencyId }).ToListAsync(ct);
        if (ids.FirstOrDefault(id => accounts.All(a => a.Id != id)) is var unknown && unknown != Guid.Empty)
            return Outcome<VisitView>.NotFound(Lang.T($"Petugas {unknown} tidak ditemukan.", $"Officer {unknown} not found."));
        var snapshot = await catalog.GetAsync(ct);
        var agencies = VisitCrew.AgenciesOf(visit, snapshot);
        var refusals = accounts.Select(a => CrewRules.ChoiceRefusal(a.FullName, a.AgencyId, agencies)).OfType<string>().ToList();
        if (refusals.Count > 0) return VisitPlanning.Unprocessable<VisitView>(string.Join(" ", refusals));

        var stopCode = await db.MobileStops.Where(s => s.Id == visit.StopId).Select(s => s.Code).FirstAsync(ct);
        await DbRetry.GatedAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var before = await db.OutreachVisitOfficers.Where(o => o.VisitId == visit.Id).Select(o => o.UserId).ToListAsync(c);
            await db.OutreachVisitOfficers.Where(o => o.VisitId == visit.Id).ExecuteDeleteAsync(c);
            db.OutreachVisitOfficers.AddRange(ids.Select(id => new VisitOfficer { VisitId = visit.Id, UserId = id }));
            foreach (var agencyId in accounts.Select(a => a.AgencyId!.Value).Distinct())
                await CounterForAsync(visit, agencyId, stopCode, snapshot, c);
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime, UserId = caller.UserId, UserName = caller.Account, EntityType = AuditType,
                EntityKey = visit.Id.ToString(), Action = "updated",
                Before = JsonSerializer.Serialize(new { officerIds = before.Order() }), After = JsonSerializer.Serialize(new { officerIds = ids }),
            });
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return true;
        }, ct);
        db.ChangeTracker.Clear();
        queue.Invalidate();
        return Outcome<VisitView>.Ok((await reads.VisitAsync(visit.Id, ct))!);
    }

    /// <summary>
    /// The agency's counter at the stop's site, serving the visit's services of the agency: the one placed there, else
    /// the stop's own counter for the agency (code <c>KL-{stop}-{agency}</c>, made once and placed at the site).
    /// </summary>
    private async Task CounterForAsync(Visit visit, Guid agencyId, string stopCode, CatalogSnapshot snapshot, CancellationToken ct)
    {
        var placed = db.SiteCounters.Where(sc => sc.SiteId == visit.SiteId).Select(sc => sc.CounterId);
        var counter = await db.Counters.Include(c => c.Services).Where(c => c.AgencyId == agencyId && placed.Contains(c.Id))
            .OrderBy(c => c.Code).FirstOrDefaultAsync(ct);
        if (counter is null)
        {
            var agency = snapshot.Agencies.First(a => a.Id == agencyId);
            var code = $"KL-{stopCode}-{agency.Code}";
            code = code[..Math.Min(code.Length, 32)].ToUpperInvariant();
            counter = await db.Counters.Include(c => c.Services).FirstOrDefaultAsync(c => c.Code == code, ct);
            if (counter is null)
            {
                var name = $"Keliling {agency.Code}";
                counter = new Counter { Code = code, Name = name[..Math.Min(name.Length, 100)], AgencyId = agencyId };
                db.Counters.Add(counter);
            }
            var counterId = counter.Id;
            await db.SiteCounters.Where(sc => sc.CounterId == counterId).ExecuteDeleteAsync(ct);
            db.SiteCounters.Add(new SiteCounter { CounterId = counterId, SiteId = visit.SiteId });
        }
        var wanted = visit.Services.Select(s => s.ServiceId)
            .Where(id => snapshot.ServicesById.GetValueOrDefault(id)?.Agency.Id == agencyId && counter.Services.All(s => s.Id != id)).ToList();
        if (wanted.Count > 0) counter.Services.AddRange(await db.Services.Where(s => wanted.Contains(s.Id)).ToListAsync(ct));
    }
}
