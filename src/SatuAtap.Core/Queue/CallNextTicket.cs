using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Queue;

/// <summary>
/// A counter calls the next ticket by the <see cref="CallNextPolicy"/>. The chosen ticket is claimed with a
/// conditional update (still waiting), so two counters calling at once never call the same person.
/// </summary>
public sealed class CallNextTicket(SatuAtapDb db, TimeProvider clock, IOptions<QueueOptions> options, QueueReads reads, IQueueNotifier notifier, TicketBatcher batcher, WorkSites workSites)
{
    public async Task<Outcome<TicketView?>> HandleAsync(Guid counterId, Caller staff, CancellationToken ct)
    {
        var counter = await db.Counters.AsNoTracking().Include(c => c.Services).FirstOrDefaultAsync(c => c.Id == counterId, ct);
        if (counter is null) return Outcome<TicketView?>.NotFound(Lang.T("Loket tidak ditemukan.", "Counter not found."));
        if (!staff.MayActFor(counter.AgencyId))
            return Outcome<TicketView?>.Forbidden(Lang.T("Loket ini milik instansi lain.", "This counter belongs to another agency."));
        var place = await db.SiteCounters.AsNoTracking().FirstOrDefaultAsync(c => c.CounterId == counterId, ct);
        if (place is null) return QueueOutcome.Unprocessable<TicketView?>(Lang.T("Loket ini belum ditempatkan di lokasi mana pun.", "This counter is not at any site."));
        var site = await reads.SiteAsync(place.SiteId, ct) ?? throw new InvalidOperationException("The counter's site is missing.");
        if (await workSites.CounterRefusalAsync(site, staff, ct) is { } refusal) return Outcome<TicketView?>.Forbidden(refusal);
        var busy = await db.Tickets.AsNoTracking()
            .Where(t => t.CounterId == counterId && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving))
            .Select(t => new { t.Series, t.Number }).FirstOrDefaultAsync(ct);
        if (busy is not null)
            return Outcome<TicketView?>.Conflict(Lang.T(
                $"Loket ini masih menangani {Ticket.Format(busy.Series, busy.Number)}: selesaikan, tandai tidak hadir, alihkan, atau tunda dulu.",
                $"This counter still has {Ticket.Format(busy.Series, busy.Number)}: finish, mark no-show, transfer or park it first."));

        var now = clock.GetUtcNow().UtcDateTime;
        var today = SiteClock.Today(now, site.Zone);
        var services = counter.Services.Select(s => s.Id).ToHashSet();
        var serviceList = services.ToList();
        var waiting = await db.Tickets.AsNoTracking()
            .Where(t => t.SiteId == site.Id && t.Day == today && t.Status == TicketStatus.Waiting && !t.Parked
                        && (t.TargetCounterId == counterId || (t.TargetCounterId == null && serviceList.Contains(t.ServiceId))))
            .Select(t => new QueueCandidate(t.Id, t.ServiceId, t.ArrivedUtc, t.Priority, t.DueUtc, t.TargetCounterId))
            .ToListAsync(ct);
        foreach (var candidate in CallNextPolicy.Order(CallNextPolicy.ForCounter(waiting, counterId, services), now, options.Value.Rules))
        {
            var claimed = await DbRetry.RunAsync(db, async c =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(c);
                var n = await db.Tickets.Where(t => t.Id == candidate.Id && t.Status == TicketStatus.Waiting && !t.Parked)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TicketStatus.Called).SetProperty(t => t.CounterId, counterId)
                        .SetProperty(t => t.CalledUtc, now).SetProperty(t => t.LastCalledUtc, now).SetProperty(t => t.Revision, t => t.Revision + 1), c);
                if (n == 0) return false;
                db.TicketEvents.Add(new TicketEvent
                {
                    TicketId = candidate.Id, AtUtc = now, Action = "call", From = TicketStatus.Waiting, To = TicketStatus.Called,
                    CounterId = counterId, UserId = staff.UserId, Actor = staff.Account,
                });
                await db.SaveChangesAsync(c);
                await tx.CommitAsync(c);
                return true;
            }, ct);
            if (!claimed) continue;
            var view = (await reads.TicketAsync(candidate.Id, ct))!;
            batcher.LinesChanged();
            await notifier.CalledAsync(site.Id, Announce(view, counter.Name, site, clock.GetUtcNow()), ct);
            return Outcome<TicketView?>.Ok(view);
        }
        return Outcome<TicketView?>.Ok(null);
    }

    public static BoardCall Announce(TicketView t, string counterName, Site site, DateTimeOffset now)
    {
        var dash = t.Number.IndexOf('-', StringComparison.Ordinal);
        var series = t.Number[..dash];
        var number = int.Parse(t.Number[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return new BoardCall(t.Id, t.Number, counterName, t.CalledAt ?? now,
            IndonesianNumbers.Announcement(series, number, counterName));
    }
}
