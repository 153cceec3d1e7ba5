using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Feedback;

/// <summary>The respondent's profile the regulation asks for; each part optional (paper forms often miss it).</summary>
public sealed record RespondentInput(int? AgeYears, string? Sex, string? Education, string? Occupation);

/// <summary>
/// A questionnaire: the service (and site) it rates, a survey token or none (staff entering a paper form, or a kiosk at
/// the counter, <see cref="Channel"/> <c>paper</c> or <c>kiosk</c>), the nine scores <c>u1</c>…<c>u9</c>, the profile
/// and a comment.
/// </summary>
public sealed record SurveyInput(string? ServiceId, string? SiteId, string? Token, IReadOnlyDictionary<string, int?>? Scores,
    RespondentInput? Respondent, string? Comment, string? Channel = null, string? Language = null);

public sealed record SurveySubmitted(Guid Id, Guid ServiceId, Guid? SiteId, string Channel, DateOnly Day);

/// <summary>
/// Records one survey response. With a token: anyone, once (a used or expired token is a conflict); the service and
/// site are the token's. Without one: staff of the service's agency or a manager, entering a paper form or running the
/// kiosk; the same validation either way: every element U1–U9 answered with 1–4.
/// </summary>
public sealed class SubmitSurveyResponse(SatuAtapDb db, CatalogCache catalog, SurveyLinks links, MallTime time, SurveyIndexCache indexCache)
{
    public static readonly string[] Educations = ["sd", "smp", "sma", "d1-d3", "d4-s1", "s2", "s3"];
    public static readonly string[] Occupations = ["pns", "tni-polri", "swasta", "wirausaha", "pelajar", "lainnya"];

    public async Task<Outcome<SurveySubmitted>> HandleAsync(SurveyInput input, Caller caller, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var scores = ReadScores(input.Scores, errors);
        ReadProfile(input.Respondent, errors);
        errors.Optional("comment", input.Comment, SurveyResponse.MaxComment);
        var snapshot = await catalog.GetAsync(ct);
        var service = string.IsNullOrWhiteSpace(input.ServiceId) ? null : snapshot.FindService(input.ServiceId.Trim());
        if (!string.IsNullOrWhiteSpace(input.ServiceId) && service is null)
            errors.Add("serviceId", Lang.T("Layanan tidak ditemukan.", "Unknown service."));
        Guid? siteId = null;
        if (!string.IsNullOrWhiteSpace(input.SiteId))
        {
            if (!Guid.TryParse(input.SiteId, out var s) || !await db.QueueSites.AnyAsync(x => x.Id == s, ct))
                errors.Add("siteId", Lang.T("Lokasi tidak ditemukan.", "Unknown site."));
            else siteId = s;
        }
        SurveyChannel channel;
        SurveyInvitation? invitation = null;
        if (!string.IsNullOrEmpty(input.Token))
        {
            if (errors.Any) return Outcome<SurveySubmitted>.Invalid(errors.ToDictionary());
            var checkedToken = await links.CheckAsync(input.Token, ct);
            if (!checkedToken.Succeeded) return new Outcome<SurveySubmitted>(checkedToken.Kind, Message: checkedToken.Message);
            invitation = checkedToken.Value!;
            if (service is not null && service.Id != invitation.ServiceId)
                return Outcome<SurveySubmitted>.Invalid("serviceId", Lang.T("Tautan survei ini untuk layanan lain.", "This survey link is for another service."));
            channel = SurveyChannel.Link;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.ServiceId)) errors.Missing("serviceId");
            channel = input.Channel switch
            {
                null or "" or "paper" => SurveyChannel.Paper,
                "kiosk" => SurveyChannel.Kiosk,
                _ => SurveyChannel.Link,
            };
            if (channel == SurveyChannel.Link) errors.Add("channel", Lang.T("Gunakan paper atau kiosk.", "Use paper or kiosk."));
            if (errors.Any) return Outcome<SurveySubmitted>.Invalid(errors.ToDictionary());
            if (caller.UserId is null)
                return Outcome<SurveySubmitted>.Forbidden(Lang.T("Survei tanpa tautan hanya dapat dimasukkan petugas.", "A survey without a link can only be entered by staff."));
            if (!(caller.IsManager || caller.IsOfficerOf(service!.Agency.Id)))
                return Outcome<SurveySubmitted>.Forbidden(Lang.T("Anda hanya dapat memasukkan survei layanan instansi Anda.", "You can only enter surveys of your own agency's services."));
        }

        var response = new SurveyResponse
        {
            ServiceId = invitation?.ServiceId ?? service!.Id,
            AgencyId = invitation?.AgencyId ?? service!.Agency.Id,
            SiteId = invitation is null ? siteId ?? caller.SiteId : invitation.SiteId,
            TicketId = invitation?.Subject == SurveySubject.Ticket ? invitation.SubjectId : null,
            ApplicationId = invitation?.Subject == SurveySubject.Application ? invitation.SubjectId : null,
            Day = time.Today,
            SubmittedAtUtc = time.UtcNow,
            Channel = channel,
            U1 = scores[0], U2 = scores[1], U3 = scores[2], U4 = scores[3], U5 = scores[4], U6 = scores[5], U7 = scores[6], U8 = scores[7], U9 = scores[8],
            AgeYears = input.Respondent?.AgeYears,
            Sex = Blank(input.Respondent?.Sex),
            Education = Blank(input.Respondent?.Education),
            Occupation = Blank(input.Respondent?.Occupation),
            Comment = Blank(input.Comment),
            Language = input.Language == Lang.English ? Lang.English : Lang.Indonesian,
        };
        db.Set<SurveyResponse>().Add(response);
        try
        {
            // The response and its day's totals (the index's source) are saved together or not at all.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await SurveyTotals.AddAsync(db, response, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Outcome<SurveySubmitted>.Conflict(SurveyLinks.Used());
        }
        // Saved into a day that closed meanwhile (a form sent across midnight): the remembered closed days are out of date.
        if (response.Day < time.Today) indexCache.Forget();
        return Outcome<SurveySubmitted>.Created(new SurveySubmitted(response.Id, response.ServiceId, response.SiteId,
            response.Channel.ToString().ToLowerInvariant(), response.Day));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The nine scores in order; every missing or out-of-scale element is named (<c>scores.u3</c>).</summary>
    public static byte[] ReadScores(IReadOnlyDictionary<string, int?>? given, FieldErrors errors)
    {
        var result = new byte[SatisfactionIndex.ElementCount];
        if (given is null)
        {
            errors.Missing("scores");
            return result;
        }
        var byCode = given.ToDictionary(k => k.Key.ToLowerInvariant(), k => k.Value, StringComparer.Ordinal);
        foreach (var key in byCode.Keys.Where(k => !SatisfactionIndex.Elements.Any(e => e.Code.Equals(k, StringComparison.OrdinalIgnoreCase))))
            errors.Add("scores." + key, Lang.T("Unsur tidak dikenal; gunakan u1 sampai u9.", "Unknown element; use u1 to u9."));
        for (var i = 0; i < SatisfactionIndex.ElementCount; i++)
        {
            var code = SatisfactionIndex.Elements[i].Code.ToLowerInvariant();
            if (!byCode.TryGetValue(code, out var score) || score is null)
                errors.Add("scores." + code, Lang.T($"Nilai {code.ToUpperInvariant()} wajib diisi (1 sampai 4).", $"{code.ToUpperInvariant()} is required (1 to 4)."));
            else if (!SatisfactionIndex.IsValidScore(score.Value))
                errors.Add("scores." + code, Lang.T($"Nilai {code.ToUpperInvariant()} harus 1 sampai 4.", $"{code.ToUpperInvariant()} must be 1 to 4."));
            else result[i] = (byte)score.Value;
        }
        return result;
    }

    private static void ReadProfile(RespondentInput? r, FieldErrors errors)
    {
        if (r is null) return;
        if (r.AgeYears is { } age && age is < 10 or > 120)
            errors.Add("respondent.ageYears", Lang.T("Umur harus 10 sampai 120 tahun.", "Age must be 10 to 120 years."));
        if (r.Sex is not (null or "" or "male" or "female"))
            errors.Add("respondent.sex", Lang.T("Gunakan male atau female.", "Use male or female."));
        errors.Optional("respondent.education", r.Education, SurveyResponse.MaxProfileText);
        errors.Optional("respondent.occupation", r.Occupation, SurveyResponse.MaxProfileText);
    }
}
