using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Queue;

public sealed record TicketActionRequest(string? Action, string? Outcome, Guid? ServiceId, Guid? CounterId, string? Note);

/// <summary>
/// An officer's step on a ticket (recall, start, finish, no-show, transfer, park, resume, prioritize), checked by
/// the <see cref="TicketStateMachine"/> and recorded as a <see cref="TicketEvent"/> with its time. A transfer
/// continues the ticket as a new waiting one for the other service or counter, keeping the original arrival time.
/// </summary>
public sealed class ActOnTicket(SatuAtapDb db, CatalogCache catalog, QueueCache cache, TimeProvider clock, QueueReads reads, IQueueNotifier notifier, TicketBatcher batcher, WorkSites workSites)
{
    public async Task<Outcome<TicketView>> HandleAsync(Guid ticketId, TicketActionRequest request, Caller staff, CancellationToken ct)
    {
        var action = TicketStateMachine.Parse(request.Action);
        if (action is null)
            return Outcome<TicketView>.Invalid("action", Lang.T(
                "Tindakan harus salah satu dari: recall, start, finish, no-show, transfer, park, resume, prioritize.",
                "The action must be one of: recall, start, finish, no-show, transfer, park, resume, prioritize."));
        var errors = new FieldErrors();
        errors.Optional("outcome", request.Outcome, 500);
        errors.Optional("note", request.Note, 500);
        if (action == TicketAction.Transfer && request.ServiceId is null && request.CounterId is null)
            errors.Add("serviceId", Lang.T("Pilih layanan atau loket tujuan.", "Choose the service or counter to transfer to."));
        if (errors.Any) return Outcome<TicketView>.Invalid(errors.ToDictionary());

        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return Outcome<TicketView>.NotFound(Lang.T("Tiket tidak ditemukan.", "Ticket not found."));
        var snapshot = await catalog.GetAsync(ct);
        var agency = ticket.CounterId is { } held
            ? await db.Counters.Where(c => c.Id == held).Select(c => (Guid?)c.AgencyId).FirstOrDefaultAsync(ct)
            : snapshot.ServicesById.GetValueOrDefault(ticket.ServiceId)?.Agency.Id;
        if (agency is null || !staff.MayActFor(agency.Value))
            return Outcome<TicketView>.Forbidden(Lang.T("Tiket ini ditangani loket instansi lain.", "This ticket is handled by another agency's counter."));
        if (await reads.SiteAsync(ticket.SiteId, ct) is { } ticketSite && await workSites.CounterRefusalAsync(ticketSite, staff, ct) is { } notHere)
            return Outcome<TicketView>.Forbidden(notHere);

        var step = TicketStateMachine.Apply(ticket.Status, ticket.Parked, action.Value);
        if (!step.Allowed) return Outcome<TicketView>.Conflict(step.Reason!);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = ticket.Status;
        Ticket? next = null;
        switch (action.Value)
        {
            case TicketAction.Recall:
                ticket.LastCalledUtc = now;
                break;
            case TicketAction.Start:
                ticket.StartedUtc = now;
                break;
            case TicketAction.Finish:
                ticket.FinishedUtc = now;
                ticket.Outcome = request.Outcome?.Trim();
                break;
            case TicketAction.NoShow:
                ticket.FinishedUtc = now;
                break;
            case TicketAction.Park:
                break;
            case TicketAction.Resume:
                if (await CounterBusyAsync(ticket.CounterId, ticket.Id, ct))
                    return Outcome<TicketView>.Conflict(Lang.T("Loket ini masih menangani tiket lain.", "The counter is still handling another ticket."));
                ticket.LastCalledUtc = now;
                break;
            case TicketAction.Prioritize:
                ticket.Priority = true;
                break;
            case TicketAction.Transfer:
                var (target, refusal) = await TransferTargetAsync(ticket, request, snapshot, ct);
                if (refusal is not null) return refusal;
                ticket.FinishedUtc = now;
                next = new Ticket
                {
                    SiteId = ticket.SiteId, ServiceId = target!.Value.ServiceId, Series = ticket.Series, Day = ticket.Day, Number = ticket.Number,
                    Hop = ticket.Hop + 1, Status = TicketStatus.Waiting, Priority = ticket.Priority, BookingId = ticket.BookingId,
                    DueUtc = ticket.DueUtc, ArrivedUtc = ticket.ArrivedUtc, TargetCounterId = target.Value.CounterId, TransferredFromId = ticket.Id,
                };
                break;
        }
        ticket.Status = step.Status;
        ticket.Parked = step.Parked;
        ticket.Revision++;
        db.TicketEvents.Add(new TicketEvent
        {
            TicketId = ticket.Id, AtUtc = now, Action = TicketStateMachine.Code(action.Value), From = from, To = step.Status,
            CounterId = ticket.CounterId, UserId = staff.UserId, Actor = staff.Account,
            Note = action == TicketAction.Finish ? request.Outcome?.Trim() : request.Note?.Trim(),
        });
        if (next is not null)
        {
            db.Tickets.Add(next);
            db.TicketEvents.Add(new TicketEvent { TicketId = next.Id, AtUtc = now, Action = "transfer-in", To = TicketStatus.Waiting, UserId = staff.UserId, Actor = staff.Account });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<TicketView>.Conflict(Lang.T("Tiket ini baru saja diubah di loket lain. Muat ulang.", "This ticket was just changed elsewhere. Reload."));
        }
        if (action == TicketAction.Finish) cache.ServiceFinished(ticket.SiteId, ticket.ServiceId, ticket.Day);
        batcher.LinesChanged();
        var view = (await reads.TicketAsync(ticket.Id, ct))!;
        if (action is TicketAction.Recall or TicketAction.Resume && view.Counter is { } counter)
        {
            var site = await cache.SiteAsync(ticket.SiteId, ct) ?? throw new InvalidOperationException("The ticket's site is missing.");
            await notifier.CalledAsync(ticket.SiteId, CallNextTicket.Announce(view, counter.Name, site, clock.GetUtcNow()), ct);
        }
        else await notifier.ChangedAsync(ticket.SiteId, ct);
        return Outcome<TicketView>.Ok(view);
    }

    private Task<bool> CounterBusyAsync(Guid? counterId, Guid except, CancellationToken ct) =>
        counterId is null ? Task.FromResult(false)
            : db.Tickets.AnyAsync(t => t.CounterId == counterId && t.Id != except && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving), ct);

    private async Task<((Guid ServiceId, Guid? CounterId)?, Outcome<TicketView>?)> TransferTargetAsync(
        Ticket ticket, TicketActionRequest request, CatalogSnapshot snapshot, CancellationToken ct)
    {
        var serviceId = request.ServiceId ?? ticket.ServiceId;
        if (!snapshot.ServicesById.ContainsKey(serviceId))
            return (null, Outcome<TicketView>.NotFound(Lang.T("Layanan tujuan tidak ditemukan.", "The target service was not found.")));
        if (request.CounterId is { } counterId)
        {
            var counter = await db.Counters.AsNoTracking().Include(c => c.Services).FirstOrDefaultAsync(c => c.Id == counterId, ct);
            if (counter is null) return (null, Outcome<TicketView>.NotFound(Lang.T("Loket tujuan tidak ditemukan.", "The target counter was not found.")));
            if (!await db.SiteCounters.AnyAsync(c => c.CounterId == counterId && c.SiteId == ticket.SiteId, ct))
                return (null, QueueOutcome.Unprocessable<TicketView>(Lang.T("Loket tujuan tidak berada di lokasi ini.", "The target counter is not at this site.")));
            if (counter.Id == ticket.CounterId)
                return (null, QueueOutcome.Unprocessable<TicketView>(Lang.T("Tiket sudah berada di loket ini.", "The ticket is already at this counter.")));
            if (request.ServiceId is null && counter.Services.Count > 0 && counter.Services.All(s => s.Id != serviceId))
                serviceId = counter.Services[0].Id;
            return ((serviceId, counterId), null);
        }
        if (serviceId == ticket.ServiceId)
            return (null, QueueOutcome.Unprocessable<TicketView>(Lang.T("Pilih layanan lain atau loket tujuan.", "Choose another service or a target counter.")));
        if (!await reads.ServedAtAsync(ticket.SiteId, serviceId, ct))
            return (null, QueueOutcome.Unprocessable<TicketView>(Lang.T("Layanan tujuan tidak dilayani di lokasi ini.", "The target service is not served at this site.")));
        return ((serviceId, null), null);
    }
}
