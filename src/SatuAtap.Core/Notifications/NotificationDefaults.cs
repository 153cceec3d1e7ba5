using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Notifications;

/// <summary>
/// The default message texts, in Indonesian and English, seeded into the template table where missing so
/// that managers can edit them. Placeholders: {name} {trackingNumber} {service} {status} {note} {dueDate} {url} {code}
/// {checkCode} (the application's tracking check code, for following it at /lacak), {surveyUrl} (in the messages of a
/// completed application: its once-only satisfaction survey link, filled by the Feedback module), and in every message
/// {mallName} {mallShortName} (the mall's names from its settings).
/// </summary>
public static class NotificationDefaults
{
    public const string AccountVerify = "account.verify";
    /// <summary>To a person who asked to set a new password: the code that lets them ({name}, {code}, {url}).</summary>
    public const string AccountPasswordReset = "account.password-reset";
    /// <summary>To the acting agency's staff when a step passes its due date (placeholders also {step}).</summary>
    public const string ApplicationOverdue = "application.overdue";
    /// <summary>To the agency head when an overdue step is escalated.</summary>
    public const string ApplicationEscalated = "application.escalated";

    /// <summary>To the applicant when an issued result is revoked ({note} carries the reason).</summary>
    public const string ResultRevoked = "application.revoked";

    /// <summary>
    /// To the holder of a booking at a mobile-unit visit that was moved or cancelled (placeholders {name} {code} {stop}
    /// {service} {when} {newWhen} {alternative} {note} {url}); the sender is the Outreach module.
    /// </summary>
    public const string VisitMoved = "outreach.visitMoved", VisitCancelled = "outreach.visitCancelled";

    /// <summary>
    /// To the holder of a permit issued in a Link-Satu bundle, ahead of its expiry ({dueDate} is the expiry date, {days}
    /// the days left).
    /// </summary>
    public const string PermitExpiring = "permit.expiring";

    /// <summary>
    /// To the head of an agency when a complaint about it went past its forward or answer date ({name} {trackingNumber}
    /// {step} {dueDate} {url}); the sender is the Feedback module.
    /// </summary>
    public const string ComplaintEscalated = "complaint.escalated";
    /// To a business owner for whom an officer made a Link-Satu bundle: the code that confirms it ({name} {code}
    /// {trackingNumber} {minutes}).
    /// </summary>
    public const string BundleConfirm = "licensing.confirm";

    /// <summary>Placeholders every message may use, filled from the mall's settings by the <see cref="Notifier"/>.</summary>
    public const string MallName = "mallName", MallShortName = "mallShortName";

    /// <summary>The once-only survey link of a completed application (issued or ready for pickup).</summary>
    public const string SurveyUrl = "surveyUrl";

    /// <summary>The events of an application being completed, whose messages carry <c>{surveyUrl}</c>.</summary>
    public static readonly IReadOnlySet<string> CompletedEvents = new HashSet<string>(["application.issued", "application.readyForPickup"], StringComparer.Ordinal);

    private static readonly string[] ApplicationValues = ["name", "trackingNumber", "service", "status", "note", "dueDate", "url"];

    /// <summary>The placeholders the sender fills for an event; a template may use only these.</summary>
    public static IReadOnlySet<string> PlaceholdersFor(string eventCode) => eventCode switch
    {
        // A completed application's messages also carry its survey link.
        _ when CompletedEvents.Contains(eventCode) =>
            new HashSet<string>([.. ApplicationValues, "checkCode", SurveyUrl, MallName, MallShortName], StringComparer.Ordinal),
        AccountVerify or AccountPasswordReset => new HashSet<string>(["name", "code", "url", MallName, MallShortName], StringComparer.Ordinal),
        VisitMoved or VisitCancelled => new HashSet<string>(["name", "code", "stop", "service", "when", "newWhen", "alternative", "note", "url", MallName, MallShortName], StringComparer.Ordinal),
        ComplaintEscalated => new HashSet<string>(["name", "trackingNumber", "step", "dueDate", "url", MallName, MallShortName], StringComparer.Ordinal),
        BundleConfirm => new HashSet<string>(["name", "code", "trackingNumber", "minutes", MallName, MallShortName], StringComparer.Ordinal),
        PermitExpiring => new HashSet<string>([.. ApplicationValues, "days", MallName, MallShortName], StringComparer.Ordinal),
        ApplicationOverdue or ApplicationEscalated => new HashSet<string>([.. ApplicationValues, "step", MallName, MallShortName], StringComparer.Ordinal),
        // Messages to the applicant also carry the application's check code (staff messages do not).
        _ => new HashSet<string>([.. ApplicationValues, "checkCode", MallName, MallShortName], StringComparer.Ordinal),
    };

    /// <summary>
    /// The application statuses an applicant is told about, by the code the Applications module gives each status
    /// (every status but the draft). They are data here: Notifications never names the Applications module's types,
    /// which use this module to send (a test in the Applications tests checks that every status has its templates).
    /// </summary>
    public static readonly IReadOnlyList<string> ApplicationStatusCodes =
        ["submitted", "inVerification", "returnedForCorrection", "resubmitted", "inProcess", "approved", "rejected", "issued", "readyForPickup"];

    /// <summary>The event of an application reaching a status, from the status's code (<c>application.issued</c>).</summary>
    public static string ApplicationEvent(string statusCode) => "application." + statusCode;

    public static IEnumerable<NotificationTemplate> All()
    {
        foreach (var status in ApplicationStatusCodes)
        {
            var code = ApplicationEvent(status);
            var (idLine, enLine) = Line(status);
            var completed = CompletedEvents.Contains(code);
            yield return new NotificationTemplate
            {
                EventCode = code, Language = Lang.Indonesian, Channel = Channels.Email,
                Subject = "Permohonan {trackingNumber}: {status}",
                Body = "Yth. {name},\n\nPermohonan {service} dengan nomor {trackingNumber} kini berstatus: {status}.\n" + idLine +
                       "{note}\nBatas waktu penyelesaian: {dueDate}.\n\nLacak permohonan Anda: {url}\nKode pemeriksa: {checkCode}\n\n{mallName}",
            };
            yield return new NotificationTemplate
            {
                EventCode = code, Language = Lang.English, Channel = Channels.Email,
                Subject = "Application {trackingNumber}: {status}",
                Body = "Dear {name},\n\nYour application for {service}, number {trackingNumber}, is now: {status}.\n" + enLine +
                       "{note}\nDue date: {dueDate}.\n\nTrack your application: {url}\nCheck code: {checkCode}\n\n{mallName}",
            };
            yield return new NotificationTemplate
            {
                EventCode = code, Language = Lang.Indonesian, Channel = Channels.Sms,
                Body = "{mallShortName}: permohonan {trackingNumber} {status}. Kode pemeriksa {checkCode}. {url}" + (completed ? " Nilai layanan kami: {surveyUrl}" : ""),
            };
            yield return new NotificationTemplate
            {
                EventCode = code, Language = Lang.English, Channel = Channels.Sms,
                Body = "{mallShortName}: application {trackingNumber} {status}. Check code {checkCode}. {url}" + (completed ? " Rate our service: {surveyUrl}" : ""),
            };
        }
        yield return new NotificationTemplate
        {
            EventCode = ResultRevoked, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "Hasil permohonan {trackingNumber} dicabut",
            Body = "Yth. {name},\n\nHasil layanan {service} untuk permohonan nomor {trackingNumber} telah dicabut dan tidak berlaku lagi.\n{note}\nLihat permohonan Anda: {url}\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = ResultRevoked, Language = Lang.English, Channel = Channels.Email,
            Subject = "The result of application {trackingNumber} has been revoked",
            Body = "Dear {name},\n\nThe result of {service} for application number {trackingNumber} has been revoked and is no longer valid.\n{note}\nSee your application: {url}\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = ResultRevoked, Language = Lang.Indonesian, Channel = Channels.Sms,
            Body = "{mallShortName}: hasil permohonan {trackingNumber} dicabut. {url}",
        };
        yield return new NotificationTemplate
        {
            EventCode = ResultRevoked, Language = Lang.English, Channel = Channels.Sms,
            Body = "{mallShortName}: the result of application {trackingNumber} has been revoked. {url}",
        };
        yield return new NotificationTemplate
        {
            EventCode = ApplicationOverdue, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "Lewat batas waktu: permohonan {trackingNumber}",
            Body = "Yth. {name},\n\nPermohonan {service} nomor {trackingNumber} pada tahap \"{step}\" telah melewati batas waktu tahap ({dueDate}) dan masih berstatus {status}.\nMohon segera ditindaklanjuti: {url}\n\nSatuAtap — {mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = ApplicationOverdue, Language = Lang.English, Channel = Channels.Email,
            Subject = "Overdue: application {trackingNumber}",
            Body = "Dear {name},\n\nThe application for {service}, number {trackingNumber}, at step \"{step}\" has passed the step's due date ({dueDate}) and is still {status}.\nPlease act on it: {url}\n\nSatuAtap — {mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = ApplicationEscalated, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "Eskalasi: permohonan {trackingNumber} lewat batas waktu",
            Body = "Yth. {name},\n\nPermohonan {service} nomor {trackingNumber} pada tahap \"{step}\" telah melewati batas waktu tahap ({dueDate}) dan diteruskan kepada Anda sebagai kepala instansi. Status: {status}.\nLihat permohonan: {url}\n\nSatuAtap — {mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = ApplicationEscalated, Language = Lang.English, Channel = Channels.Email,
            Subject = "Escalation: application {trackingNumber} is overdue",
            Body = "Dear {name},\n\nThe application for {service}, number {trackingNumber}, at step \"{step}\" has passed the step's due date ({dueDate}) and is escalated to you as head of the agency. Status: {status}.\nOpen it: {url}\n\nSatuAtap — {mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = ComplaintEscalated, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "Eskalasi: pengaduan {trackingNumber} lewat batas waktu",
            Body = "Yth. {name},\n\nPengaduan nomor {trackingNumber} belum {step} sampai batas waktunya ({dueDate}) dan diteruskan kepada Anda sebagai kepala instansi.\nLihat kotak pengaduan: {url}\n\nSatuAtap — {mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = ComplaintEscalated, Language = Lang.English, Channel = Channels.Email,
            Subject = "Escalation: complaint {trackingNumber} is overdue",
            Body = "Dear {name},\n\nComplaint number {trackingNumber} was not {step} by its due date ({dueDate}) and is escalated to you as head of the agency.\nOpen the complaint inbox: {url}\n\nSatuAtap — {mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = PermitExpiring, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "{service} Anda berakhir {days} hari lagi",
            Body = "Yth. {name},\n\n{service} yang terbit dari permohonan nomor {trackingNumber} berlaku sampai {dueDate}, {days} hari lagi. Ajukan perpanjangan sebelum tanggal itu: {url}\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = PermitExpiring, Language = Lang.English, Channel = Channels.Email,
            Subject = "Your {service} expires in {days} days",
            Body = "Dear {name},\n\nThe {service} issued on application number {trackingNumber} is valid until {dueDate}, {days} days from now. Apply to renew it before then: {url}\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = PermitExpiring, Language = Lang.Indonesian, Channel = Channels.Sms,
            Body = "{mallShortName}: {service} ({trackingNumber}) berakhir {dueDate}, {days} hari lagi. {url}",
        };
        yield return new NotificationTemplate
        {
            EventCode = PermitExpiring, Language = Lang.English, Channel = Channels.Sms,
            Body = "{mallShortName}: {service} ({trackingNumber}) expires {dueDate}, in {days} days. {url}",
        };
        yield return new NotificationTemplate
        {
            EventCode = BundleConfirm, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "Kode konfirmasi bundel perizinan {trackingNumber}: {code}",
            Body = "Yth. {name},\n\nPetugas Link-Satu membuat bundel perizinan {trackingNumber} atas nama Anda. Bila Anda menyetujuinya, berikan kode ini kepada petugas: {code}\nKode berlaku {minutes} menit. Bila Anda tidak memintanya, abaikan pesan ini: tanpa kode, tidak ada yang diajukan.\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = BundleConfirm, Language = Lang.English, Channel = Channels.Email,
            Subject = "Confirmation code for licensing bundle {trackingNumber}: {code}",
            Body = "Dear {name},\n\nA Link-Satu officer made the licensing bundle {trackingNumber} on your behalf. If you agree, give the officer this code: {code}\nThe code is valid for {minutes} minutes. If you did not ask for it, ignore this message: without the code nothing is submitted.\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = BundleConfirm, Language = Lang.Indonesian, Channel = Channels.Sms,
            Body = "{mallShortName}: kode konfirmasi bundel izin {trackingNumber}: {code} (berlaku {minutes} menit). Berikan kepada petugas Link-Satu hanya bila Anda setuju.",
        };
        yield return new NotificationTemplate
        {
            EventCode = BundleConfirm, Language = Lang.English, Channel = Channels.Sms,
            Body = "{mallShortName}: code for licensing bundle {trackingNumber}: {code} (valid {minutes} min). Give it to the Link-Satu officer only if you agree.",
        };
        yield return new NotificationTemplate
        {
            EventCode = AccountVerify, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "Kode verifikasi akun SatuAtap: {code}",
            Body = "Yth. {name},\n\nKode verifikasi email Anda: {code}\nMasukkan kode ini di {url}. Abaikan pesan ini bila Anda tidak mendaftar.\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = AccountVerify, Language = Lang.English, Channel = Channels.Email,
            Subject = "SatuAtap account verification code: {code}",
            Body = "Dear {name},\n\nYour email verification code: {code}\nEnter it at {url}. Ignore this message if you did not register.\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = AccountPasswordReset, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "Kode untuk kata sandi baru: {code}",
            Body = "Yth. {name},\n\nKode untuk membuat kata sandi baru: {code}\nMasukkan kode ini di {url}; kode hanya berlaku beberapa menit. Bila Anda tidak memintanya, abaikan pesan ini: kata sandi Anda tidak berubah.\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = AccountPasswordReset, Language = Lang.English, Channel = Channels.Email,
            Subject = "Code for a new password: {code}",
            Body = "Dear {name},\n\nYour code to set a new password: {code}\nEnter it at {url}; it is valid for a few minutes only. If you did not ask for it, ignore this message: your password has not changed.\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = VisitMoved, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "Jadwal MPP keliling dipindah: {stop}",
            Body = "Yth. {name},\n\nKunjungan {stop} yang Anda pesan untuk layanan {service} (kode {code}) dipindah.\nSemula: {when}\nMenjadi: {newWhen}\nPemesanan Anda tetap berlaku pada waktu yang baru.\n{note}\nJadwal lengkap: {url}\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = VisitMoved, Language = Lang.English, Channel = Channels.Email,
            Subject = "Mobile unit visit moved: {stop}",
            Body = "Dear {name},\n\nThe visit to {stop} you booked for {service} (code {code}) has moved.\nWas: {when}\nNow: {newWhen}\nYour booking holds at the new time.\n{note}\nSchedule: {url}\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = VisitMoved, Language = Lang.Indonesian, Channel = Channels.Sms,
            Body = "{mallShortName}: kunjungan {stop} (kode {code}) dipindah ke {newWhen}. Pemesanan tetap berlaku. {url}",
        };
        yield return new NotificationTemplate
        {
            EventCode = VisitMoved, Language = Lang.English, Channel = Channels.Sms,
            Body = "{mallShortName}: the visit to {stop} (code {code}) moved to {newWhen}. Your booking holds. {url}",
        };
        yield return new NotificationTemplate
        {
            EventCode = VisitCancelled, Language = Lang.Indonesian, Channel = Channels.Email,
            Subject = "Jadwal MPP keliling dibatalkan: {stop}",
            Body = "Yth. {name},\n\nKunjungan {stop} pada {when} yang Anda pesan untuk layanan {service} (kode {code}) dibatalkan, dan pemesanan Anda dilepas.\n{note}\nAlternatif terdekat: {alternative}\nJadwal lengkap: {url}\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = VisitCancelled, Language = Lang.English, Channel = Channels.Email,
            Subject = "Mobile unit visit cancelled: {stop}",
            Body = "Dear {name},\n\nThe visit to {stop} on {when} you booked for {service} (code {code}) is cancelled, and your booking is released.\n{note}\nNearest alternative: {alternative}\nSchedule: {url}\n\n{mallName}",
        };
        yield return new NotificationTemplate
        {
            EventCode = VisitCancelled, Language = Lang.Indonesian, Channel = Channels.Sms,
            Body = "{mallShortName}: kunjungan {stop} {when} (kode {code}) dibatalkan. Alternatif: {alternative}. {url}",
        };
        yield return new NotificationTemplate
        {
            EventCode = VisitCancelled, Language = Lang.English, Channel = Channels.Sms,
            Body = "{mallShortName}: the visit to {stop} on {when} (code {code}) is cancelled. Alternative: {alternative}. {url}",
        };
    }

    private const string SurveyLineId = "Bantu kami memperbaiki layanan: isi survei kepuasan (9 pertanyaan, sekali isi) di {surveyUrl}\n";
    private const string SurveyLineEn = "Help us improve: answer the satisfaction survey (9 questions, once) at {surveyUrl}\n";

    private static (string Id, string En) Line(string statusCode) => statusCode switch
    {
        "returnedForCorrection" => ("Mohon perbaiki permohonan Anda lalu ajukan ulang. Batas waktu berhenti sampai Anda mengajukan ulang.\n",
            "Please correct your application and resubmit it. The clock stops until you do.\n"),
        "rejected" => ("Alasan penolakan tercantum di bawah ini.\n", "The reason is given below.\n"),
        "issued" => ("Hasil layanan dapat diunduh dari halaman permohonan Anda.\n" + SurveyLineId, "The result can be downloaded from your application's page.\n" + SurveyLineEn),
        "readyForPickup" => ("Hasil layanan siap diambil di loket MPP dengan membawa tanda terima.\n" + SurveyLineId,
            "The result is ready for pickup at the mall's counter; bring your receipt.\n" + SurveyLineEn),
        _ => ("", ""),
    };

    /// <summary>Adds the default templates that are missing (never overwrites a manager's edit).</summary>
    public static async Task<int> SeedAsync(SatuAtapDb db, CancellationToken ct = default)
    {
        var existing = (await db.NotificationTemplates.Select(t => new { t.EventCode, t.Language, t.Channel }).ToListAsync(ct))
            .Select(t => (t.EventCode, t.Language, t.Channel)).ToHashSet();
        var added = 0;
        foreach (var t in All())
        {
            if (existing.Contains((t.EventCode, t.Language, t.Channel))) continue;
            db.NotificationTemplates.Add(t);
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }
}
