using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola;

/// <summary>The staff home: what this person may manage, by role.</summary>
public sealed class IndexModel : PageModel
{
    public sealed record Link(string Url, string Title, string Description);

    public List<Link> Links { get; } = [];

    public void OnGet()
    {
        var caller = HttpContext.Caller();
        var manager = caller.IsManager;
        if (caller.IsAgencyStaff)
            Links.Add(new("/kelola/permohonan", Lang.T("Kotak masuk permohonan", "Applications inbox"),
                Lang.T("Permohonan instansi Anda, yang paling dekat batas waktunya lebih dahulu.", "Your agency's applications, soonest due first.")));
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
            Links.Add(new("/kelola/audit", Lang.T("Jejak audit", "Audit log"),
                Lang.T("Siapa mengubah apa, kapan, sebelum dan sesudah.", "Who changed what, when, before and after.")));
        }
        if (caller.IsAdministrator)
            Links.Add(new("/kelola/petugas", Lang.T("Akun petugas", "Staff accounts"),
                Lang.T("Terbitkan kode pendaftaran verifikasi dua langkah.", "Issue two-factor enrolment codes.")));
        Links.Add(new("/kelola/antrian", Lang.T("Antrian dan loket", "Queue and counters"),
            Lang.T("Panggil nomor berikutnya, layani, alihkan; angka antrian hari ini.", "Call next, serve, transfer; today's queue figures.")));
        Links.Add(new("/kelola/izin-usaha", Lang.T("Link-Satu: bundel perizinan", "Link-Satu: licensing bundles"),
            Lang.T("Bundel per kecamatan dan periode, kemajuan per instansi; tabel kegiatan usaha.", "Bundles per district and period, progress per agency; the activity table.")));
        Links.Add(new("/akun/dua-langkah", Lang.T("Verifikasi dua langkah", "Two-factor sign-in"),
            Lang.T("Aktifkan kode dari aplikasi autentikator.", "Turn on codes from an authenticator app.")));
        Links.Add(new("/scalar", Lang.T("Dokumentasi API", "API documentation"), "OpenAPI /openapi/v1.json"));
    }
}
