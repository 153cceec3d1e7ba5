using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Feedback;

/// <summary>The complaint API: file (JSON, or a form with a photo or PDF), follow, the desk's and the agency's steps, the reporter's reply and reopening.</summary>
public static class ComplaintEndpoints
{
    public static void MapComplaintEndpoints(this IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/v1/complaints").WithTags("Feedback");
        var maxUpload = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<FeedbackOptions>>().Value.MaxAttachmentBytes;
        complaints.MapPost("", async (HttpContext http, FileComplaint handler, CancellationToken ct) =>
        {
            var (input, attachment, refusal) = await ReadComplaintAsync(http, maxUpload, ct);
            if (refusal is not null) return refusal;
            var outcome = await handler.HandleAsync(input!, attachment, http.Caller(), ct: ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/complaints/{outcome.Value!.Number}", outcome.Value) : Problems.From(outcome);
        }).DisableAntiforgery().RequireRateLimiting(RateLimiting.PublicWrites).WithMetadata(new RequestSizeLimitAttribute(maxUpload + 64 * 1024))
          .Accepts<ComplaintInput>("application/json", "multipart/form-data");
        complaints.MapGet("", async (string? status, ListComplaints handler, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await handler.HandleAsync(status, http.Caller(), ct))).RequireAuthorization(Policies.Staff);
        complaints.MapGet("/{number}", async (string number, string? check, TrackComplaint handler, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await handler.HandleAsync(number, check, http.Caller(), ct))).RequireRateLimiting(RateLimiting.Tracking);
        complaints.MapGet("/{number}/attachment", async (string number, string? check, TrackComplaint handler, FileStore files, SatuAtap.Core.Data.SatuAtapDb db,
            HttpContext http, CancellationToken ct) =>
        {
            var view = await handler.HandleAsync(number, check, http.Caller(), ct);
            if (!view.Succeeded) return Problems.From(view);
            if (view.Value!.Text is null) return Problems.Problem(403, null);
            var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                db.Complaints.Where(c => c.Id == view.Value.Id).Select(c => new { c.AttachmentKey, c.AttachmentType }), ct);
            if (stored?.AttachmentKey is null) return Problems.Problem(404, Lang.T("Pengaduan ini tanpa lampiran.", "This complaint has no attachment."));
            var stream = files.Open(stored.AttachmentKey);
            return stream is null ? Problems.Problem(404, null)
                : Downloads.Attachment(stream, stored.AttachmentType ?? "application/octet-stream", view.Value.Number + (stored.AttachmentType == FileSniffer.Pdf ? ".pdf" : stored.AttachmentType == FileSniffer.Png ? ".png" : ".jpg"));
        }).RequireRateLimiting(RateLimiting.Tracking);
        foreach (var (path, action) in new[]
                 {
                     ("verify", ComplaintAction.Verify), ("reject", ComplaintAction.Reject), ("forward", ComplaintAction.Forward),
                     ("answer", ComplaintAction.Answer), ("close", ComplaintAction.Close),
                 })
        {
            complaints.MapPost("/{number}/" + path, async (string number, ComplaintActInput? body, ActOnComplaint handler, HttpContext http, CancellationToken ct) =>
                Answers.Answer(await handler.HandleAsync(number, action, body ?? new ComplaintActInput(), http.Caller(), ct))).RequireAuthorization(Policies.Staff);
        }
        // The reporter's own steps, with the check code given at filing (or signed in as the account that filed it).
        foreach (var (path, action) in new[] { ("reply", ComplaintAction.Reply), ("reopen", ComplaintAction.Reopen) })
        {
            complaints.MapPost("/{number}/" + path, async (string number, ComplaintActInput? body, ActOnComplaint handler, HttpContext http, CancellationToken ct) =>
                Answers.Answer(await handler.HandleAsync(number, action, body ?? new ComplaintActInput(), http.Caller(), ct))).RequireRateLimiting(RateLimiting.PublicWrites);
        }
    }

    /// <summary>A complaint from a JSON body, or from a form (<c>text</c>, <c>serviceId</c>, …, and an optional <c>file</c>: a photo or a PDF).</summary>
    private static async Task<(ComplaintInput? Input, ComplaintAttachment? File, IResult? Refusal)> ReadComplaintAsync(HttpContext http, int maxUpload, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            if (!http.Request.HasJsonContentType()) return (null, null, Problems.Problem(415, null));
            var body = await http.Request.ReadFromJsonAsync<ComplaintInput>(ct);
            return body is null ? (null, null, Problems.Invalid("text", Lang.T("Wajib diisi.", "Required."))) : (body, null, null);
        }
        var form = await http.Request.ReadFormAsync(ct);
        var errors = new Dictionary<string, string[]>();
        double? Number(string name)
        {
            var v = form[name].ToString();
            if (string.IsNullOrWhiteSpace(v)) return null;
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            errors[name] = [Lang.T("Harus angka.", "Must be a number.")];
            return null;
        }
        string? Text(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        var input = new ComplaintInput(Text("text"), Text("serviceId"), Text("agencyId"), Text("siteId"), Text("name"), Text("email"), Text("phone"),
            Number("latitude"), Number("longitude"), Text("address"));
        ComplaintAttachment? attachment = null;
        if (form.Files.GetFile("file") is { Length: > 0 } file)
        {
            if (file.Length > maxUpload)
                return (null, null, Problems.Problem(413, Lang.T($"Berkas melebihi batas {maxUpload / 1024 / 1024.0:0.#} MB.", $"The file is over the {maxUpload / 1024 / 1024.0:0.#} MB limit.")));
            await using var stream = file.OpenReadStream();
            var (buffer, type) = await FileSniffer.ReadAsync(stream, ct);
            if (type is null) errors["file"] = [FileSniffer.NotAFile()];
            else attachment = new ComplaintAttachment(buffer.ToArray(), type);
        }
        return errors.Count > 0 ? (null, null, Problems.Invalid(errors)) : (input, attachment, null);
    }
}
