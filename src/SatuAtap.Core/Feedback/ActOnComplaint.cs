using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// What is given with an action: the text (an answer, a reply, a reason), the desk's public text (verify), the agency
/// (verify or forward), the reporter's check code (reply, reopen).
/// </summary>
public sealed record ComplaintActInput(string? Text = null, string? PublicText = null, string? AgencyId = null, string? Check = null);

/// <summary>
/// One step of a complaint. The desk (managers) verifies it — writing the public text with personal data hidden —,
/// rejects, forwards it to an agency and closes it; the agency's staff answer; the reporter (check code) replies and
/// reopens an answer that did not resolve it. Each step sets the next deadline in working days of the catalog's
/// calendar, from the injected clock, and clears an escalation.
/// </summary>
public sealed class ActOnComplaint(SatuAtapDb db, CatalogCache catalog, MallTime time, IOptions<FeedbackOptions> options)
{
    public async Task<Outcome<ComplaintView>> HandleAsync(string number, ComplaintAction action, ComplaintActInput input, Caller caller, CancellationToken ct = default)
    {
        var normalized = TrackingNumber.Normalize(number);
        var complaint = await db.Set<Complaint>().Include(c => c.Events).FirstOrDefaultAsync(c => c.Number == normalized, ct);
        if (complaint is null) return Outcome<ComplaintView>.NotFound(TrackComplaint.NotFound());
        var byReporter = action is ComplaintAction.Reply or ComplaintAction.Reopen;
        var staff = TrackComplaint.MayHandle(complaint, caller);
        if (byReporter ? !TrackComplaint.IsReporter(complaint, input.Check, caller) : !MayAct(complaint, action, caller))
            return Outcome<ComplaintView>.Forbidden(byReporter
                ? Lang.T("Kode cek tidak cocok dengan pengaduan ini.", "The check code does not match this complaint.")
                : Lang.T("Anda tidak berwenang atas pengaduan ini.", "You may not act on this complaint."));
        var next = ComplaintRules.Next(complaint.Status, action);
        if (next is null)
            return Outcome<ComplaintView>.Conflict(Lang.T($"Pengaduan berstatus \"{ComplaintRules.Label(complaint.Status)}\" tidak dapat di-{ComplaintRules.Code(action)}.",
                $"A complaint that is \"{ComplaintRules.Label(complaint.Status)}\" cannot be given '{ComplaintRules.Code(action)}'."));
        var snapshot = await catalog.GetAsync(ct);
        var errors = new FieldErrors();
        AgencyView? agency = null;
        if (!string.IsNullOrWhiteSpace(input.AgencyId) && (agency = snapshot.FindAgency(input.AgencyId.Trim())) is null)
            errors.Add("agencyId", Lang.T("Instansi tidak ditemukan.", "Unknown agency."));
        switch (action)
        {
            case ComplaintAction.Verify:
                errors.Required("publicText", input.PublicText, Complaint.MaxText);
                break;
            case ComplaintAction.Forward when agency is null && complaint.AgencyId is null:
                errors.Add("agencyId", Lang.T("Pilih instansi tujuan.", "Choose the agency."));
                break;
            case ComplaintAction.Answer or ComplaintAction.Reply or ComplaintAction.Reject or ComplaintAction.Reopen:
                errors.Required("text", input.Text, Complaint.MaxText);
                break;
            default:
                errors.Optional("text", input.Text, Complaint.MaxText);
                break;
        }
        if (errors.Any) return Outcome<ComplaintView>.Invalid(errors.ToDictionary());

        var today = time.Today;
        var deadlines = options.Value.Deadlines;
        var from = complaint.Status;
        switch (action)
        {
            case ComplaintAction.Verify:
                complaint.PublicText = input.PublicText!.Trim();
                if (agency is not null) complaint.AgencyId = agency.Id;
                break;
            case ComplaintAction.Forward:
                if (agency is not null) complaint.AgencyId = agency.Id;
                complaint.ForwardedOn = today;
                complaint.AnswerDue = deadlines.AnswerDue(snapshot.Calendar, today);
                break;
            case ComplaintAction.Answer:
                complaint.AnsweredOn = today;
                complaint.CloseOn = deadlines.CloseOn(snapshot.Calendar, today);
                break;
            case ComplaintAction.Reply when complaint.Status == ComplaintStatus.Answered:
                // The reporter is not silent: the ten days before it closes by itself start again.
                complaint.CloseOn = deadlines.CloseOn(snapshot.Calendar, today);
                break;
            case ComplaintAction.Reopen:
                complaint.ClosedAtUtc = null;
                complaint.CloseOn = null;
                complaint.AnsweredOn = null;
                complaint.ForwardedOn = today;
                complaint.AnswerDue = deadlines.AnswerDue(snapshot.Calendar, today);
                break;
            case ComplaintAction.Close or ComplaintAction.Reject:
                complaint.ClosedAtUtc = time.UtcNow;
                break;
        }
        // A new stage has its own deadline: the escalation of the last one no longer applies.
        if (action is ComplaintAction.Forward or ComplaintAction.Answer or ComplaintAction.Reopen or ComplaintAction.Close or ComplaintAction.Reject)
            complaint.EscalatedAtUtc = null;
        complaint.Status = next.Value;
        complaint.UpdatedAtUtc = time.UtcNow;
        var agencyName = action == ComplaintAction.Answer && complaint.AgencyId is { } a ? snapshot.Agencies.FirstOrDefault(x => x.Id == a)?.DisplayName : null;
        db.Set<ComplaintEvent>().Add(new ComplaintEvent
        {
            ComplaintId = complaint.Id, AtUtc = time.UtcNow, Action = action, FromStatus = from, ToStatus = next.Value, ActorUserId = caller.UserId,
            ActorName = byReporter ? "" : agencyName ?? Lang.T("Meja pengaduan", "Complaint desk"),
            Text = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim(),
            // Answers, replies and the reason of a rejection are the public conversation; a note of the desk on other steps is not.
            Public = action is ComplaintAction.Answer or ComplaintAction.Reply or ComplaintAction.Reopen or ComplaintAction.Reject
                     || string.IsNullOrWhiteSpace(input.Text),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<ComplaintView>.StaleVersion();
        }
        var reloaded = await db.Set<Complaint>().AsNoTracking().Include(c => c.Events).FirstAsync(c => c.Id == complaint.Id, ct);
        return Outcome<ComplaintView>.Ok(ComplaintView.Of(reloaded, snapshot, today, full: true, staff: staff));
    }

    /// <summary>The desk verifies, rejects, forwards and closes; the agency it concerns answers (a manager may answer for it).</summary>
    private static bool MayAct(Complaint c, ComplaintAction action, Caller caller) => action switch
    {
        ComplaintAction.Answer => caller.IsManager || c.AgencyId is { } a && caller.IsOfficerOf(a),
        ComplaintAction.Verify or ComplaintAction.Reject or ComplaintAction.Forward or ComplaintAction.Close => caller.IsManager,
        _ => false,
    };
}
