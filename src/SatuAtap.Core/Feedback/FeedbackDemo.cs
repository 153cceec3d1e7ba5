using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// The demo: ninety days of survey responses before the seed day across six services and the sites (so the index, its
/// trend and the priorities show something), a dozen complaints in every state, and the demo Open311 client whose key
/// is the setting <c>Demo:Open311ApiKey</c>. All marked demo; seeded once (when no demo response exists).
/// </summary>
public static class FeedbackDemo
{
    public static readonly string[] ServiceCodes = ["DKP-KTP", "DKP-KK", "DKP-AKTA-LAHIR", "PTSP-NIB", "POL-SKCK", "SAM-PKB"];

    public static async Task<bool> SeedAsync(SatuAtapDb db, TimeProvider clock, string? open311Key, Func<string, string> keyHash, CancellationToken ct = default)
    {
        var time = new Common.MallTime(clock, TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Jakarta", out var z) ? z : TimeZoneInfo.Utc);
        // The client is seeded whenever the key is set and no demo client exists, also on a mall seeded before.
        var client = !string.IsNullOrEmpty(open311Key) && !await db.Open311Clients.AnyAsync(c => c.IsDemo, ct);
        if (client) db.Open311Clients.Add(new Open311Client { Name = "Demo civic app", KeyHash = keyHash(open311Key!), CreatedAtUtc = time.UtcNow, IsDemo = true });
        if (await db.SurveyResponses.AnyAsync(r => r.IsDemo, ct))
        {
            if (client) await db.SaveChangesAsync(ct);
            return client;
        }
        var today = time.Today;
        var services = await db.Services.AsNoTracking().Where(s => ServiceCodes.Contains(s.Code)).Select(s => new { s.Id, s.Code, s.AgencyId }).ToListAsync(ct);
        var sites = await db.QueueSites.AsNoTracking().OrderBy(s => s.Kind).ThenBy(s => s.Name).Select(s => s.Id).ToListAsync(ct);
        if (services.Count == 0)
        {
            if (client) await db.SaveChangesAsync(ct);
            return client;
        }
        var calendar = new WorkingDayCalendar(await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct));
        var random = new Random(20261201);
        string[] educations = ["sma", "d4-s1", "smp", "sd", "d1-d3", "s2"];
        string[] occupations = ["swasta", "wirausaha", "pns", "pelajar", "lainnya", "tni-polri"];
        string[] comments =
        [
            "Pelayanan cepat dan ramah.", "Antrian agak lama di pagi hari.", "Petugas menjelaskan persyaratan dengan jelas.",
            "Ruang tunggu panas, mohon tambah kipas.", "Informasi biaya sudah jelas di papan.", "Mohon loket dibuka lebih pagi.",
        ];
        for (var day = today.AddDays(-90); day < today; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day)) continue;
            foreach (var service in services)
            {
                // Each service has its own weak element, so that the priorities differ between units.
                var weak = Math.Abs(service.Code.GetHashCode(StringComparison.Ordinal)) % 9;
                var count = random.Next(0, 3);
                for (var i = 0; i < count; i++)
                {
                    var scores = new byte[9];
                    for (var e = 0; e < 9; e++)
                    {
                        var roll = random.NextDouble();
                        scores[e] = (byte)(e == weak ? (roll < 0.35 ? 2 : roll < 0.85 ? 3 : 4) : (roll < 0.05 ? 2 : roll < 0.55 ? 3 : 4));
                    }
                    var online = random.Next(4) == 0;
                    db.SurveyResponses.Add(new SurveyResponse
                    {
                        ServiceId = service.Id, AgencyId = service.AgencyId, SiteId = online || sites.Count == 0 ? null : sites[random.Next(10) < 8 ? 0 : random.Next(sites.Count)],
                        Day = day, SubmittedAtUtc = time.ToUtc(day.ToDateTime(new TimeOnly(9 + random.Next(6), random.Next(60)))),
                        Channel = online ? SurveyChannel.Link : random.Next(3) == 0 ? SurveyChannel.Paper : SurveyChannel.Kiosk,
                        U1 = scores[0], U2 = scores[1], U3 = scores[2], U4 = scores[3], U5 = scores[4], U6 = scores[5], U7 = scores[6], U8 = scores[7], U9 = scores[8],
                        AgeYears = random.Next(5) == 0 ? null : 18 + random.Next(50),
                        Sex = random.Next(5) == 0 ? null : random.Next(2) == 0 ? "male" : "female",
                        Education = random.Next(5) == 0 ? null : educations[random.Next(educations.Length)],
                        Occupation = random.Next(5) == 0 ? null : occupations[random.Next(occupations.Length)],
                        Comment = random.Next(6) == 0 ? comments[random.Next(comments.Length)] : null,
                        IsDemo = true,
                    });
                }
            }
        }
        SeedComplaints(db, services.Select(s => (s.Id, s.AgencyId)).ToList(), sites.FirstOrDefault(), calendar, time, today);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static void SeedComplaints(SatuAtapDb db, List<(Guid Id, Guid AgencyId)> services, Guid siteId, WorkingDayCalendar calendar, Common.MallTime time, DateOnly today)
    {
        var deadlines = new ComplaintDeadlines();
        // (working days ago it was filed, the status it reached, text)
        (int Ago, ComplaintStatus Status, string Text)[] plan =
        [
            (0, ComplaintStatus.Submitted, "Antrian KTP sangat panjang, nomor antrian habis jam 9 pagi."),
            (5, ComplaintStatus.Submitted, "Petugas loket tidak ada di tempat saat jam pelayanan."),
            (1, ComplaintStatus.Verified, "Persyaratan di situs berbeda dengan yang diminta di loket."),
            (2, ComplaintStatus.Verified, "Toilet di lantai dua rusak."),
            (3, ComplaintStatus.Forwarded, "SKCK saya belum jadi padahal sudah lewat jadwal."),
            (12, ComplaintStatus.Forwarded, "Pajak kendaraan terhitung dua kali."),
            (6, ComplaintStatus.Forwarded, "Akta kelahiran anak salah ejaan nama."),
            (9, ComplaintStatus.Answered, "NIB belum terbit setelah seminggu."),
            (8, ComplaintStatus.Answered, "Kartu keluarga baru belum bisa diambil."),
            (25, ComplaintStatus.Closed, "Parkir motor penuh setiap pagi."),
            (30, ComplaintStatus.Closed, "Tidak ada kursi prioritas untuk lansia."),
            (4, ComplaintStatus.Rejected, "Tes tes tes."),
        ];
        var n = 0;
        foreach (var (ago, status, text) in plan)
        {
            var (serviceId, agencyId) = services[n % services.Count];
            var filedOn = today;
            for (var i = 0; i < ago; i++) do filedOn = filedOn.AddDays(-1); while (!calendar.IsWorkingDay(filedOn));
            var at = time.ToUtc(filedOn.ToDateTime(new TimeOnly(10, 0)));
            var c = new Complaint
            {
                Number = $"ADU-{filedOn.Year % 100:00}-DEMO{(char)('A' + n)}", CheckCode = "DEMO" + (char)('A' + n) + "2",
                ServiceId = serviceId, AgencyId = agencyId, SiteId = siteId == Guid.Empty ? null : siteId, Text = text,
                ReporterName = "Warga Demo " + (n + 1), ReporterEmail = $"pelapor{n + 1}@demo.satuatap.id",
                Status = ComplaintStatus.Submitted, SubmittedAtUtc = at, SubmittedOn = filedOn, UpdatedAtUtc = at,
                ForwardDue = deadlines.ForwardDue(calendar, filedOn), IsDemo = true,
            };
            c.Events.Add(new ComplaintEvent { ComplaintId = c.Id, AtUtc = at, Action = ComplaintAction.File, ToStatus = ComplaintStatus.Submitted, Public = true });
            var day = filedOn;
            void Step(ComplaintAction action, ComplaintStatus to, string? by, string? note)
            {
                day = calendar.AddWorkingDays(day, 1) is var next && next <= today ? next : today;
                var when = time.ToUtc(day.ToDateTime(new TimeOnly(11, 0)));
                c.Events.Add(new ComplaintEvent { ComplaintId = c.Id, AtUtc = when, Action = action, FromStatus = c.Status, ToStatus = to, ActorName = by ?? "Meja pengaduan", Text = note, Public = true });
                c.Status = to;
                c.UpdatedAtUtc = when;
            }
            if (status is ComplaintStatus.Rejected) Step(ComplaintAction.Reject, ComplaintStatus.Rejected, null, "Isi pengaduan tidak dapat ditindaklanjuti.");
            if (status is not (ComplaintStatus.Submitted or ComplaintStatus.Rejected))
            {
                c.PublicText = text;
                Step(ComplaintAction.Verify, ComplaintStatus.Verified, null, null);
            }
            if (status is ComplaintStatus.Forwarded or ComplaintStatus.Answered or ComplaintStatus.Closed)
            {
                Step(ComplaintAction.Forward, ComplaintStatus.Forwarded, null, null);
                c.ForwardedOn = day;
                c.AnswerDue = deadlines.AnswerDue(calendar, day);
            }
            if (status is ComplaintStatus.Answered or ComplaintStatus.Closed)
            {
                Step(ComplaintAction.Answer, ComplaintStatus.Answered, "Instansi", "Terima kasih atas laporannya. Sudah kami tindak lanjuti.");
                c.AnsweredOn = day;
                c.CloseOn = deadlines.CloseOn(calendar, day);
            }
            if (status is ComplaintStatus.Closed) Step(ComplaintAction.Close, ComplaintStatus.Closed, null, null);
            if (status is ComplaintStatus.Closed or ComplaintStatus.Rejected) c.ClosedAtUtc = c.UpdatedAtUtc;
            if (ComplaintRules.IsOverdue(c.Status, c.ForwardDue, c.AnswerDue, today))
            {
                c.EscalatedAtUtc = time.UtcNow;
                c.Events.Add(new ComplaintEvent { ComplaintId = c.Id, AtUtc = time.UtcNow, Action = ComplaintAction.Escalate, FromStatus = c.Status, ToStatus = c.Status, ActorName = "Sistem" });
            }
            db.Complaints.Add(c);
            n++;
        }
    }
}
