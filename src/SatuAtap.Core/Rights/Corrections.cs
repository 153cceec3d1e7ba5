using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Rights;

public sealed record CorrectionInput(string? WhatIsWrong, string? ShouldBe);

public sealed record AnswerInput(string? Status, string? Answer);

public sealed record CorrectionView(Guid Id, string WhatIsWrong, string ShouldBe, string Status, string StatusLabel, DateTime SubmittedAtUtc,
    DateOnly DueDate, bool Overdue, string? Answer, string? AnsweredByName, DateTime? AnsweredAtUtc, string? ApplicantName = null, string? ApplicantEmail = null);

/// <summary>
/// Correction requests (UU 27/2022): a citizen asks for a correction of their data; the managers see the open ones
/// soonest due first, with those past their due date flagged, and answer each one (corrected or refused, with a text).
/// </summary>
public sealed class Corrections(SatuAtapDb db, CatalogCache cache, MallTime time, IOptions<RightsOptions> options)
{
    public async Task<Outcome<CorrectionView>> SubmitAsync(CorrectionInput input, Caller viewer, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } me) return Outcome<CorrectionView>.Forbidden();
        var errors = new FieldErrors();
        errors.Required("whatIsWrong", input.WhatIsWrong, CorrectionRequest.MaxText);
        errors.Required("shouldBe", input.ShouldBe, CorrectionRequest.MaxText);
        if (errors.Any) return Outcome<CorrectionView>.Invalid(errors.ToDictionary());
        var calendar = (await cache.GetAsync(ct)).Calendar;
        var request = new CorrectionRequest
        {
            UserId = me, WhatIsWrong = input.WhatIsWrong!.Trim(), ShouldBe = input.ShouldBe!.Trim(), Status = CorrectionStatus.Open,
            SubmittedAtUtc = time.UtcNow, DueDate = calendar.AddWorkingDays(time.Today, options.Value.CorrectionWorkingDays),
        };
        db.CorrectionRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return Outcome<CorrectionView>.Created(View(request));
    }

    /// <summary>The signed-in person's own requests, newest first.</summary>
    public async Task<IReadOnlyList<CorrectionView>> MineAsync(Guid userId, CancellationToken ct = default) =>
        (await db.CorrectionRequests.AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.SubmittedAtUtc).ToListAsync(ct))
        .Select(c => View(c)).ToList();

    /// <summary>For managers: the requests with the given status (open by default), soonest due first.</summary>
    public async Task<Outcome<IReadOnlyList<CorrectionView>>> ListAsync(string? status, Caller viewer, CancellationToken ct = default)
    {
        if (!viewer.IsManager) return Outcome<IReadOnlyList<CorrectionView>>.Forbidden();
        var wanted = string.IsNullOrEmpty(status) ? CorrectionStatus.Open : Parse(status);
        if (wanted is null)
            return Outcome<IReadOnlyList<CorrectionView>>.Invalid("status", Lang.T("Gunakan open, answered atau rejected.", "Use open, answered or rejected."));
        var rows = await (from c in db.CorrectionRequests.AsNoTracking()
                          join u in db.Users on c.UserId equals u.Id
                          where c.Status == wanted
                          orderby c.DueDate, c.SubmittedAtUtc
                          select new { c, u.FullName, u.Email }).Take(500).ToListAsync(ct);
        return Outcome<IReadOnlyList<CorrectionView>>.Ok(rows.Select(r => View(r.c, r.FullName, r.Email)).ToList());
    }

    /// <summary>A manager answers an open request: <c>answered</c> (corrected) or <c>rejected</c>, with a text for the citizen.</summary>
    public async Task<Outcome<CorrectionView>> AnswerAsync(Guid id, AnswerInput input, Caller viewer, CancellationToken ct = default)
    {
        if (!viewer.IsManager) return Outcome<CorrectionView>.Forbidden();
        var errors = new FieldErrors();
        var status = Parse(input.Status);
        if (status is not (CorrectionStatus.Answered or CorrectionStatus.Rejected))
            errors.Add("status", Lang.T("Pilih answered (diperbaiki) atau rejected (ditolak).", "Choose answered (corrected) or rejected (refused)."));
        errors.Required("answer", input.Answer, CorrectionRequest.MaxText);
        if (errors.Any) return Outcome<CorrectionView>.Invalid(errors.ToDictionary());
        var request = await db.CorrectionRequests.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (request is null) return Outcome<CorrectionView>.NotFound(Lang.T("Permintaan koreksi tidak ditemukan.", "Correction request not found."));
        if (request.Status != CorrectionStatus.Open)
            return Outcome<CorrectionView>.Conflict(Lang.T("Permintaan ini sudah dijawab.", "This request has already been answered."));
        request.Status = status!.Value;
        request.Answer = input.Answer!.Trim();
        request.AnsweredByUserId = viewer.UserId;
        request.AnsweredByName = viewer.Name;
        request.AnsweredAtUtc = time.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<CorrectionView>.Conflict(Lang.T("Permintaan ini baru saja dijawab orang lain.", "Someone else has just answered this request."));
        }
        return Outcome<CorrectionView>.Ok(View(request));
    }

    private static CorrectionStatus? Parse(string? code) =>
        Enum.GetValues<CorrectionStatus>().Cast<CorrectionStatus?>().FirstOrDefault(s => CorrectionRequest.Code(s!.Value) == code);

    private CorrectionView View(CorrectionRequest c, string? name = null, string? email = null) =>
        new(c.Id, c.WhatIsWrong, c.ShouldBe, CorrectionRequest.Code(c.Status), CorrectionRequest.Label(c.Status), c.SubmittedAtUtc, c.DueDate,
            c.Status == CorrectionStatus.Open && c.DueDate < time.Today, c.Answer, c.AnsweredByName, c.AnsweredAtUtc, name, email);
}
