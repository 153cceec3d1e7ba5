using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Rights;

/// <summary>
/// Everything the mall holds about one account, as a ZIP: <c>data.json</c> (the account, its applications with their
/// fields, documents, timeline and result, its bookings and their tickets, the messages sent to it, its correction
/// requests) and <c>documents/&lt;tracking number&gt;/…</c> with each uploaded document and issued result.
/// Only records of that account: applications it filed, bookings it made, messages to its email or phone.
/// </summary>
public sealed class ExportPersonalData(SatuAtapDb db, CatalogCache cache, FileStore files, MallTime time, MyAccessLog accessLog)
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes the ZIP to a temporary file deleted when the stream is closed; null when the account does not exist.
    /// <paramref name="resultPdf"/> renders a result that was generated rather than uploaded (by application id).
    /// </summary>
    public async Task<Stream?> HandleAsync(Guid userId, Func<Guid, CancellationToken, Task<byte[]?>>? resultPdf = null, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return null;
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).ToListAsync(ct);
        var catalog = await cache.GetAsync(ct);

        var apps = await db.Applications.AsNoTracking().Where(a => a.ApplicantUserId == userId)
            .Include(a => a.Documents).Include(a => a.Events).OrderBy(a => a.CreatedAtUtc).ToListAsync(ct);
        var appIds = apps.Select(a => a.Id).ToList();
        var results = await db.IssuedResults.AsNoTracking().Where(r => appIds.Contains(r.ApplicationId)).ToDictionaryAsync(r => r.ApplicationId, ct);
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.UserId == userId).OrderBy(b => b.StartUtc).ToListAsync(ct);
        var bookingIds = bookings.Select(b => (Guid?)b.Id).ToList();
        var tickets = await db.Tickets.AsNoTracking().Where(t => bookingIds.Contains(t.BookingId)).ToListAsync(ct);
        var phone = PhoneNumber.Normalize(user.PhoneNumber);
        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == user.Email || (phone != null && m.Recipient == phone)).OrderBy(m => m.CreatedAtUtc).ToListAsync(ct);
        var corrections = await db.CorrectionRequests.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.SubmittedAtUtc).ToListAsync(ct);
        var looks = await accessLog.HandleAsync(userId, ct);

        var zipFile = new FileStream(Path.Combine(Path.GetTempPath(), "satuatap-export-" + Guid.NewGuid().ToString("N") + ".zip"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using (var zip = new ZipArchive(zipFile, ZipArchiveMode.Create, leaveOpen: true))
            {
                var applications = new JsonArray();
                foreach (var app in apps)
                {
                    var folder = "documents/" + app.TrackingNumber + "/";
                    var documents = new JsonArray();
                    foreach (var doc in app.Documents.OrderBy(d => d.UploadedAtUtc))
                    {
                        var path = folder + doc.Id.ToString("N")[..8] + "-" + SafeName(doc.FileName);
                        var copied = await CopyAsync(zip, path, doc.FileKey, ct);
                        documents.Add(new JsonObject
                        {
                            ["id"] = doc.Id, ["fileName"] = doc.FileName, ["contentType"] = doc.ContentType, ["sizeBytes"] = doc.SizeBytes,
                            ["uploadedAtUtc"] = doc.UploadedAtUtc, ["file"] = copied ? path : null,
                        });
                    }
                    JsonObject? result = null;
                    if (results.TryGetValue(app.Id, out var r))
                    {
                        var path = folder + "hasil-" + r.VerificationCode + ".pdf";
                        var copied = r.FileKey is not null
                            ? await CopyAsync(zip, path, r.FileKey, ct)
                            : resultPdf is not null && await resultPdf(app.Id, ct) is { } pdf && await WriteAsync(zip, path, pdf, ct);
                        result = new JsonObject
                        {
                            ["verificationCode"] = r.VerificationCode, ["issuedAtUtc"] = r.IssuedAtUtc, ["issuedByAgency"] = r.IssuedByAgency,
                            ["holderName"] = r.HolderName, ["revokedAtUtc"] = r.RevokedAtUtc, ["revokedReason"] = r.RevokedReason,
                            ["file"] = copied ? path : null,
                        };
                    }
                    catalog.ServicesById.TryGetValue(app.ServiceId, out var service);
                    applications.Add(new JsonObject
                    {
                        ["id"] = app.Id, ["trackingNumber"] = app.TrackingNumber, ["service"] = service?.Name, ["serviceCode"] = service?.Code,
                        ["status"] = ApplicationCodes.Status(app.Status), ["applicantName"] = app.ApplicantName, ["applicantNik"] = app.ApplicantNik,
                        ["applicantPhone"] = app.ApplicantPhone, ["applicantEmail"] = app.ApplicantEmail, ["language"] = app.Language,
                        ["createdAtUtc"] = app.CreatedAtUtc, ["submittedAtUtc"] = app.SubmittedAtUtc, ["dueDate"] = Date(app.DueDate),
                        ["decidedAtUtc"] = app.DecidedAtUtc,
                        ["fields"] = FieldsOf(app, service),
                        ["documents"] = documents,
                        ["events"] = new JsonArray(app.Events.OrderBy(e => e.AtUtc).Select(e => (JsonNode)new JsonObject
                        {
                            ["atUtc"] = e.AtUtc, ["action"] = ApplicationCodes.Action(e.Action),
                            ["fromStatus"] = e.FromStatus is { } f ? ApplicationCodes.Status(f) : null, ["toStatus"] = ApplicationCodes.Status(e.ToStatus),
                            ["by"] = e.ActorName, ["note"] = e.Note,
                        }).ToArray()),
                        ["result"] = result,
                    });
                }

                var data = new JsonObject
                {
                    ["exportedAtUtc"] = time.UtcNow,
                    ["account"] = new JsonObject
                    {
                        ["id"] = user.Id, ["fullName"] = user.FullName, ["email"] = user.Email, ["emailConfirmed"] = user.EmailConfirmed,
                        ["phoneNumber"] = user.PhoneNumber, ["preferredLanguage"] = user.PreferredLanguage,
                        ["twoFactorEnabled"] = user.TwoFactorEnabled, ["roles"] = new JsonArray(roles.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                    },
                    ["applications"] = applications,
                    ["bookings"] = new JsonArray(bookings.Select(b => (JsonNode)new JsonObject
                    {
                        ["code"] = b.Code, ["day"] = Date(b.Day), ["startUtc"] = b.StartUtc,
                        ["service"] = catalog.ServicesById.TryGetValue(b.ServiceId, out var s) ? s.Name : null,
                        ["name"] = b.Name, ["phone"] = b.Phone, ["nik"] = b.Nik, ["status"] = b.Status.ToString().ToLowerInvariant(),
                        ["createdUtc"] = b.CreatedUtc, ["cancelledUtc"] = b.CancelledUtc, ["checkedInUtc"] = b.CheckedInUtc,
                        ["tickets"] = new JsonArray(tickets.Where(t => t.BookingId == b.Id).OrderBy(t => t.Hop).Select(t => (JsonNode)new JsonObject
                        {
                            ["number"] = t.Display, ["day"] = Date(t.Day), ["status"] = t.Status.ToString().ToLowerInvariant(),
                            ["arrivedUtc"] = t.ArrivedUtc, ["calledUtc"] = t.CalledUtc, ["finishedUtc"] = t.FinishedUtc,
                        }).ToArray()),
                    }).ToArray()),
                    ["messages"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject
                    {
                        ["channel"] = m.Channel, ["recipient"] = m.Recipient, ["event"] = m.EventCode, ["subject"] = m.Subject, ["body"] = m.Body,
                        ["createdAtUtc"] = m.CreatedAtUtc, ["sentAtUtc"] = m.SentAtUtc,
                    }).ToArray()),
                    ["corrections"] = new JsonArray(corrections.Select(c => (JsonNode)new JsonObject
                    {
                        ["id"] = c.Id, ["whatIsWrong"] = c.WhatIsWrong, ["shouldBe"] = c.ShouldBe, ["status"] = CorrectionRequest.Code(c.Status),
                        ["submittedAtUtc"] = c.SubmittedAtUtc, ["dueDate"] = Date(c.DueDate), ["answer"] = c.Answer, ["answeredAtUtc"] = c.AnsweredAtUtc,
                    }).ToArray()),
                    ["accessLog"] = new JsonArray(looks.Select(l => (JsonNode)new JsonObject
                    {
                        ["atUtc"] = l.AtUtc, ["agency"] = l.Agency, ["officer"] = l.Officer, ["what"] = l.What, ["recordType"] = l.RecordType, ["record"] = l.Record,
                    }).ToArray()),
                };
                await WriteAsync(zip, "data.json", JsonSerializer.SerializeToUtf8Bytes(data, Indented), ct);
            }
            zipFile.Position = 0;
            return zipFile;
        }
        catch
        {
            await zipFile.DisposeAsync();
            throw;
        }
    }

    /// <summary>Field values by requirement name where the service still has the requirement, else by its id.</summary>
    private static JsonObject FieldsOf(Application app, ServiceView? service)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in FieldRules.Parse(app.FieldsJson))
        {
            var name = service?.Requirements.FirstOrDefault(r => r.Id == key)?.Name ?? key.ToString();
            fields[name] = value;
        }
        return fields;
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> CopyAsync(ZipArchive zip, string path, string fileKey, CancellationToken ct)
    {
        await using var source = files.Open(fileKey);
        if (source is null) return false;
        await using var target = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        await source.CopyToAsync(target, ct);
        return true;
    }

    private static async Task<bool> WriteAsync(ZipArchive zip, string path, byte[] content, CancellationToken ct)
    {
        await using var target = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        await target.WriteAsync(content, ct);
        return true;
    }

    /// <summary>A file name safe inside a ZIP on any system: letters, digits, dot, dash and underscore.</summary>
    public static string SafeName(string name)
    {
        var clean = new string(Path.GetFileName(name ?? "").Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.');
        return clean.Length == 0 ? "dokumen" : clean[..Math.Min(clean.Length, 80)];
    }
}
