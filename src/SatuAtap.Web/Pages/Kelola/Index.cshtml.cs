using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola;

/// <summary>The staff home: what this person may manage, by role.</summary>
public sealed class IndexModel(Microsoft.Extensions.Options.IOptions<DemoOptions> demo, IHostEnvironment env) : PageModel
{
    public sealed record Link(string Url, string Title, string Description);

    public List<Link> Links { get; } = [];

    public void OnGet()
    {
        var caller = HttpContext.Caller();
        var manager = caller.IsManager;
        // An officer's daily work first: the inbox and the counter; then what the role oversees.
        if (caller.IsAgencyStaff)
            Links.Add(new("/kelola/permohonan", Lang.T("Kotak masuk permohonan", "Applications inbox"),
                Lang.T("Permohonan instansi Anda, yang paling dekat batas waktunya lebih dahulu.", "Your agency's applications, soonest due first.")));
        if (caller.IsAgencyStaff || manager)
            Links.Add(new("/kelola/antrian", Lang.T("Antrian dan loket", "Queue and counters"),
                Lang.T("Panggil nomor berikutnya, layani, alihkan; angka antrian hari ini.", "Call next, serve, transfer; today's queue figures.")));
        if (ApplicationStats.MaySee(caller))
            Links.Add(new("/kelola/permohonan/kinerja", Lang.T("Kinerja layanan", "Service performance"),
                Lang.T("Permohonan, ketepatan waktu, dan tunggakan per layanan dan instansi.", "Applications, on-time share and backlog per service and agency.")));
        if (SatuAtap.Core.Insights.InsightReads.MaySee(caller))
            Links.Add(new("/kelola/kinerja", Lang.T("Dasbor kinerja MPP", "Mall performance dashboard"),
                Lang.T("Lima janji MPP dalam angka, tren, dan saran jumlah loket; unduh CSV, XLSX, PDF.", "The five promises in figures, trends and staffing advice; CSV, XLSX, PDF downloads.")));
        if (caller.IsExecutive && !manager)
            Links.Add(new("/kelola/antrian", Lang.T("Angka antrian hari ini", "Today's queue figures"),
                Lang.T("Tiket, yang dilayani, tidak hadir, dan waktu tunggu per layanan.", "Tickets, served, no-shows and waiting times per service.")));
        if (caller.MayEditCatalog)
            Links.Add(new("/kelola/layanan", Lang.T("Layanan dan standar pelayanan", "Services and standards"),
                Lang.T("Empat belas komponen standar pelayanan, persyaratan, loket.", "The fourteen components, requirements, counters.")));
        if (caller.MayEditCatalog)
            Links.Add(new("/kelola/loket", Lang.T("Loket", "Counters"),
                Lang.T("Loket dan layanan yang dilayani.", "Counters and the services they serve.")));
        if (manager)
        {
            Links.Add(new("/kelola/instansi", Lang.T("Instansi dan topik", "Agencies and topics"),
                Lang.T("Instansi vertikal, daerah, BUMN/BUMD, bank; topik layanan.", "Vertical, regional, state enterprise and bank agencies; topics.")));
            Links.Add(new("/kelola/perjanjian", Lang.T("Perjanjian kerja sama", "Agreements"),
                Lang.T("MoU, PKS, komitmen bersama; yang segera berakhir.", "MoU, PKS, commitments; those expiring soon.")));
            Links.Add(new("/kelola/kalender", Lang.T("Kalender hari libur", "Holiday calendar"),
                Lang.T("Hari libur nasional dan cuti bersama; impor SKB.", "National holidays and collective leave; import a decree.")));
            Links.Add(new("/kelola/sinonim", Lang.T("Sinonim pencarian", "Search synonyms"),
                Lang.T("Kata yang dipakai warga untuk layanan yang sama.", "Words people use for the same service.")));
            Links.Add(new("/kelola/hasil", Lang.T("Cabut hasil layanan", "Revoke an issued result"),
                Lang.T("Cari dokumen hasil dengan kode verifikasi, lalu cabut dengan alasan.", "Find an issued document by its verification code and revoke it with a reason.")));
            Links.Add(new("/kelola/notifikasi", Lang.T("Templat notifikasi", "Notification templates"),
                Lang.T("Teks email dan SMS kepada pemohon, dalam bahasa Indonesia dan Inggris.", "The email and SMS texts sent to applicants, in Indonesian and English.")));
            Links.Add(new("/kelola/koreksi", Lang.T("Permintaan koreksi data", "Data correction requests"),
                Lang.T("Permintaan warga untuk memperbaiki datanya; jawab sebelum batas waktu.", "Citizens' requests to correct their data; answer before the due date.")));
            Links.Add(new("/kelola/keliling", Lang.T("MPP keliling", "Mobile mall"),
                Lang.T("Kunjungan mendatang, pembatalan, perjalanan warga yang dihemat, permintaan di atas kuota.", "Coming visits, cancelling one, trips saved, demand over quota.")));
            Links.Add(new("/kelola/audit", Lang.T("Jejak audit", "Audit log"),
                Lang.T("Siapa mengubah apa, kapan, sebelum dan sesudah.", "Who changed what, when, before and after.")));
        }
        if (caller.IsAdministrator)
            Links.Add(new("/kelola/petugas", Lang.T("Akun petugas", "Staff accounts"),
                Lang.T("Terbitkan kode pendaftaran verifikasi dua langkah.", "Issue two-factor enrolment codes.")));
        if (caller.IsAdministrator && SettingsValidator.OutboxPageOn(demo.Value, env))
            Links.Add(new("/kelola/kotak-keluar", Lang.T("Kotak keluar (demo)", "Outbox (demo)"),
                Lang.T("Pesan yang dikirim, termasuk kode verifikasi, tanpa server surel.", "Messages sent, verification codes included, without a mail server.")));
        if (manager || caller.IsAgencyStaff)
        {
            Links.Add(new("/kelola/pengaduan", Lang.T("Meja pengaduan", "Complaint desk"),
                Lang.T("Verifikasi, teruskan, dan jawab pengaduan sebelum batas waktu.", "Verify, forward and answer complaints before their deadlines.")));
            Links.Add(new("/kelola/survei", Lang.T("Survei kepuasan (SKM)", "Satisfaction survey (SKM)"),
                Lang.T("Indeks per layanan, kuesioner kertas, mode kios, laporan PDF/XLSX.", "Index per service, paper questionnaires, kiosk mode, PDF/XLSX reports.")));
        }
        else if (caller.IsExecutive)
            Links.Add(new("/kelola/survei", Lang.T("Indeks kepuasan masyarakat (IKM)", "Community satisfaction index (IKM)"),
                Lang.T("Indeks seluruh layanan per bulan, prioritas perbaikan, laporan PDF/XLSX.", "The index of every service by month, improvement priorities, PDF/XLSX reports.")));
        if (manager)
            Links.Add(new("/kelola/open311", Lang.T("Kunci API Open311", "Open311 API keys"),
                Lang.T("Terbitkan dan cabut kunci aplikasi klien yang mengirim pengaduan.", "Issue and revoke the keys of client applications that post complaints.")));
        Links.Add(new("/kelola/izin-usaha", Lang.T("Link-Satu: bundel perizinan", "Link-Satu: licensing bundles"),
            Lang.T("Bundel per kecamatan dan periode, kemajuan per instansi; tabel kegiatan usaha.", "Bundles per district and period, progress per agency; the activity table.")));
        Links.Add(new("/akun/dua-langkah", Lang.T("Verifikasi dua langkah", "Two-factor sign-in"),
            Lang.T("Aktifkan kode dari aplikasi autentikator.", "Turn on codes from an authenticator app.")));
        Links.Add(new("/scalar", Lang.T("Dokumentasi API", "API documentation"), "OpenAPI /openapi/v1.json"));
    }
}
