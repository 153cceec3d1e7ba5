using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Licensing;

public sealed record ActivityRequest(string? Kbli, Dictionary<string, decimal>? Parameters);

/// <summary>The navigator's questions, as the API and the pages send them; the village is optional (<see cref="VillageName"/>).</summary>
public sealed record AssessmentRequest(List<ActivityRequest?>? Activities, long? CapitalRupiah, string? District, bool? UsesBuilding, bool? HomeFood,
    int? Employees = null, long? InvestmentRupiah = null, string? Village = null);

public sealed record PermitView(string Code, string Name, string Agency, string? AgencyCode, string? ServiceCode, string Where, string? Link,
    IReadOnlyList<string> Channels, long? CostRupiah, int? WorkingDays, IReadOnlyList<string> Documents, string? Note);

public sealed record RaisedByView(string Parameter, string Label, decimal Above, decimal Value);

public sealed record AssessedItemView(string Kbli, string Title, string RiskLevel, string RiskLabel, RaisedByView? RaisedBy, IReadOnlyList<PermitView> Permits);

public sealed record ActivityParameterView(string Name, string Label);

public sealed record TableInfoView(string Source, DateOnly Date, bool Demo, int Activities);

public sealed record AssessmentView(string Scale, string ScaleLabel, string District, string DistrictName, string? Village, IReadOnlyList<AssessedItemView> Items,
    IReadOnlyList<PermitView> BasicRequirements, IReadOnlyList<PermitView> SupportingPermits, string TableVersion, TableInfoView Table, string Notice);

/// <summary>A navigator answer with the pure assessment it came from and the request it answers.</summary>
public sealed record Evaluated(AssessmentView View, Assessment Assessment, AssessmentRequest Request, District District, LicensingTable Table);

/// <summary>
/// The navigator behind the API and the pages: checks the answers, runs <see cref="Navigator"/> on the table in force,
/// and says for each permit which agency, cost, time, documents and where it is done (from the catalog). Unknown
/// KBLI codes are "not found" with the close codes of the table.
/// </summary>
public sealed class AssessBusiness(ActivityTableCache tables, CatalogCache catalogs, PublicLinks links, IOptions<LicensingOptions> options)
{
    public const int MaxActivities = 10;
    /// <summary>Rp 100 trillion: above any business the navigator is for; a larger figure is a typing mistake.</summary>
    public const long MaxRupiah = 100_000_000_000_000;
    public const int MaxEmployees = 1_000_000;

    public async Task<Outcome<AssessmentView>> HandleAsync(AssessmentRequest request, CancellationToken ct = default)
    {
        var (evaluated, refusal) = await EvaluateAsync(request, ct);
        return evaluated is not null ? Outcome<AssessmentView>.Ok(evaluated.View) : new Outcome<AssessmentView>(refusal!.Kind, default, refusal.Message, refusal.Errors);
    }

    public async Task<(Evaluated? Evaluated, Outcome<object>? Refusal)> EvaluateAsync(AssessmentRequest? request, CancellationToken ct = default)
    {
        var view = await tables.GetAsync(ct);
        if (view.Table is null)
            return (null, Outcome<object>.Conflict(Lang.T("Tabel kegiatan usaha belum diimpor oleh pengelola.", "The activity table has not been imported yet.")));
        var errors = new FieldErrors();
        request ??= new AssessmentRequest(null, null, null, null, null);
        var activities = request.Activities ?? [];
        if (activities.Count == 0) errors.Add("activities", Lang.T("Pilih paling sedikit satu kegiatan usaha.", "Choose at least one business activity."));
        if (activities.Count > MaxActivities) errors.Add("activities", Lang.T($"Paling banyak {MaxActivities} kegiatan.", $"At most {MaxActivities} activities."));
        if (request.CapitalRupiah is not { } capital) errors.Missing("capitalRupiah");
        else if (capital < 0) errors.Add("capitalRupiah", Lang.T("Modal tidak boleh negatif.", "Capital cannot be negative."));
        else if (capital > MaxRupiah) errors.Add("capitalRupiah", Lang.T("Modal melebihi Rp 100 triliun; periksa angkanya.", "Capital is over Rp 100 trillion; check the figure."));
        if (request.InvestmentRupiah is < 0 or > MaxRupiah)
            errors.Add("investmentRupiah", Lang.T("Rencana investasi harus 0 sampai Rp 100 triliun.", "Planned investment must be from 0 to Rp 100 trillion."));
        if (request.Employees is < 0 or > MaxEmployees)
            errors.Add("employees", Lang.T($"Jumlah pekerja harus 0 sampai {MaxEmployees}.", $"Employees must be from 0 to {MaxEmployees}."));
        var district = view.FindDistrict(request.District);
        if (string.IsNullOrWhiteSpace(request.District)) errors.Missing("district");
        else if (district is null) errors.Add("district", Lang.T("Kecamatan tidak dikenal.", "Unknown district."));
        if (VillageName.Error(request.Village) is { } villageError) errors.Add("village", villageError);
        if (request.UsesBuilding is null) errors.Missing("usesBuilding");
        if (request.HomeFood is null) errors.Missing("homeFood");

        var answers = new List<ActivityAnswer>();
        var unknown = new List<(int Index, string Kbli)>();
        for (var i = 0; i < Math.Min(activities.Count, MaxActivities); i++)
        {
            var a = activities[i];
            var kbli = a?.Kbli?.Trim() ?? "";
            if (a is null || kbli.Length == 0) { errors.Missing($"activities[{i}].kbli"); continue; }
            if (!ActivityCsv.IsKbli(kbli)) { errors.Add($"activities[{i}].kbli", Lang.T("Kode KBLI terdiri dari 5 angka.", "A KBLI code has 5 digits.")); continue; }
            if (!view.Index.ByKbli.TryGetValue(kbli, out var activity)) { unknown.Add((i, kbli)); continue; }
            foreach (var (name, value) in a.Parameters ?? [])
            {
                if (activity.Raise?.Parameter != name)
                    errors.Add($"activities[{i}].parameters.{name}", Lang.T("Bukan parameter kegiatan ini.", "Not a parameter of this activity."));
                else if (value is < 0 or > 1_000_000_000)
                    errors.Add($"activities[{i}].parameters.{name}", Lang.T("Harus 0 sampai 1.000.000.000.", "Must be from 0 to 1,000,000,000."));
            }
            answers.Add(new ActivityAnswer(kbli, a.Parameters));
        }
        if (errors.Any) return (null, Outcome<object>.Invalid(errors.ToDictionary()));
        if (unknown.Count > 0)
        {
            var notFound = unknown.ToDictionary(u => $"activities[{u.Index}].kbli", u =>
            {
                var close = view.Index.CloseTo(u.Kbli);
                return new[]
                {
                    close.Count == 0
                        ? Lang.T($"KBLI {u.Kbli} tidak ada di tabel.", $"KBLI {u.Kbli} is not in the table.")
                        : Lang.T($"KBLI {u.Kbli} tidak ada di tabel. Mungkin: ", $"KBLI {u.Kbli} is not in the table. Perhaps: ")
                          + string.Join("; ", close.Select(c => $"{c.Kbli} {c.DisplayTitle}")),
                };
            });
            return (null, new Outcome<object>(OutcomeKind.NotFound, Message: Lang.T("Kode KBLI tidak ditemukan.", "KBLI code not found."), Errors: notFound));
        }

        var (assessment, _) = Navigator.Assess(new BusinessAnswers(answers, request.CapitalRupiah!.Value, request.UsesBuilding!.Value, request.HomeFood!.Value),
            view.Index.ByKbli);
        var catalog = await catalogs.GetAsync(ct);
        var ossUrl = options.Value.OssUrl;
        PermitView Permit(string code) => Describe(PermitKinds.Get(code), catalog, links, ossUrl);
        var items = assessment!.Items.Select(i => new AssessedItemView(i.Activity.Kbli, i.Activity.DisplayTitle, RiskCodes.Code(i.Risk), RiskCodes.Label(i.Risk),
            i.RaisedBy is { } r ? new RaisedByView(r.Parameter, r.DisplayLabel, r.Above, answers.First(x => x.Kbli == i.Activity.Kbli).Parameters![r.Parameter]) : null,
            i.Permits.Select(Permit).ToList())).ToList();
        var table = view.Table;
        var result = new AssessmentView(RiskCodes.Code(assessment.Scale), RiskCodes.Label(assessment.Scale), district!.Code, district.Name,
            VillageName.Normalize(request.Village), items,
            assessment.BasicRequirements.Select(Permit).ToList(), assessment.SupportingPermits.Select(Permit).ToList(), table.Version,
            new TableInfoView(table.Source, table.SourceDate, table.IsDemo, table.ActivityCount), Notice(table));
        return (new Evaluated(result, assessment, request, district, table), null);
    }

    /// <summary>What every answer says: guidance from the regency's table of that date, not a legal decision.</summary>
    public static string Notice(LicensingTable table)
    {
        var date = table.SourceDate.ToString("d MMMM yyyy", Lang.IsEnglish ? System.Globalization.CultureInfo.GetCultureInfo("en-GB") : System.Globalization.CultureInfo.GetCultureInfo("id-ID"));
        var demo = table.IsDemo ? Lang.T(" Tabel ini adalah data demo.", " This table is demo data.") : "";
        return Lang.T($"Panduan dari tabel kegiatan usaha pemerintah daerah per {date}, bukan keputusan hukum. Tingkat risiko dan izin yang mengikat ditetapkan oleh sistem OSS.{demo}",
            $"Guidance from the regency's activity table of {date}, not a legal decision. The binding risk level and permits are set by the OSS system.{demo}");
    }

    public static PermitView Describe(PermitKind kind, CatalogSnapshot catalog, PublicLinks links, string ossUrl)
    {
        var service = catalog.ServicesByCode.GetValueOrDefault(kind.ServiceCode);
        var channels = service is null ? [] : ChannelCodes(service.Channels);
        var where = kind.Place == PermitPlace.Oss ? "oss"
            : service is null ? "counter"
            : service.Channels.HasFlag(ServiceChannels.Online) ? "online" : "counter";
        var link = kind.Place == PermitPlace.Oss ? ossUrl : service is null ? null : links.To($"/layanan/{Uri.EscapeDataString(service.Code)}");
        var note = kind.Place == PermitPlace.Oss
            ? Lang.T("Dilakukan di sistem OSS; petugas DPMPTSP mendampingi dan mencatat nomor yang terbit.", "Done in the OSS system; a DPMPTSP officer assists and records the number it issues.")
            : null;
        return new PermitView(kind.Code, kind.DisplayName, service?.Agency.DisplayName ?? "", service?.Agency.Code, service?.Code, where, link, channels,
            service?.Standard.CostRupiah, service?.Standard.CompletionWorkingDays,
            service?.Requirements.Where(r => r.Kind == RequirementKind.Document).Select(r => r.DisplayName).ToList() ?? [], note);
    }

    private static List<string> ChannelCodes(ServiceChannels c)
    {
        var list = new List<string>();
        if (c.HasFlag(ServiceChannels.Building)) list.Add("counter");
        if (c.HasFlag(ServiceChannels.Mobile)) list.Add("mobile");
        if (c.HasFlag(ServiceChannels.Online)) list.Add("online");
        return list;
    }
}
