using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Catalog.Demo;

/// <summary>
/// The Kabupaten Sukabumi demo: the mall at Palabuhanratu, agencies, services with complete standards (marked
/// as demo content), counters, agreements, synonyms, the five mobile-unit stops, the 47 districts and the
/// holidays 2025–2026. Seeded into an empty catalog; a demo catalog seeded by an older version gets the demo services
/// it lacks (<see cref="AddMissingServicesAsync"/>).
/// </summary>
public static class DemoCatalog
{
    public static readonly string[] MobileStops = ["Palabuhanratu", "Cisaat", "Sukaraja", "Cicurug", "Surade"];

    public static async Task<bool> SeedAsync(SatuAtapDb db, CancellationToken ct = default)
    {
        if (await db.Agencies.AnyAsync(ct)) return await AddMissingServicesAsync(db, ct) > 0;
        var data = Load();

        db.Malls.Add(new Mall
        {
            Name = "Mal Pelayanan Publik Kabupaten Sukabumi",
            Regency = "Kabupaten Sukabumi",
            Address = "Gedung DPMPTSP, Jl. Bhayangkara KM 1, Citepus, Palabuhanratu",
            TimeZone = "Asia/Jakarta",
            OpeningHours = "Senin–Kamis 08.00–15.00, Jumat 08.00–14.00",
        });

        var districts = ReadCsv("kecamatan-kabupaten-sukabumi.csv")
            .Select(c => new District { Code = c[0].Trim(), Name = c[1].Trim() }).ToList();
        db.Districts.AddRange(districts);
        foreach (var stop in MobileStops)
            db.MobileStops.Add(new MobileStop
            {
                Code = stop.ToUpperInvariant(),
                Name = stop,
                DistrictCode = districts.FirstOrDefault(d => d.Name == stop)?.Code ?? "",
                Address = $"Kantor Kecamatan {stop}",
            });

        using (var reader = OpenText("holidays-id.csv"))
            db.Holidays.AddRange(HolidayImport.Parse(reader));

        var topics = data.Topics.Select((t, i) => new Topic { Code = t.Code, Name = t.Name, NameEn = t.NameEn, Order = i })
            .ToDictionary(t => t.Code);
        db.Topics.AddRange(topics.Values);
        var agencies = data.Agencies.Select(a => new Agency
        {
            Code = a.Code, Name = a.Name, NameEn = a.NameEn, Description = a.Description ?? "", DescriptionEn = a.DescriptionEn,
            Kind = CatalogCodes.ParseAgencyKind(a.Kind) ?? AgencyKind.Other, IsDemo = true,
            Address = a.Address ?? "", OpeningHours = a.OpeningHours ?? "", OpeningHoursEn = a.OpeningHoursEn, Phone = a.Phone ?? "", Email = a.Email ?? "",
        }).ToDictionary(a => a.Code);
        db.Agencies.AddRange(agencies.Values);
        var counters = data.Counters.Select(c => new Counter { Code = c.Code, Name = c.Name, AgencyId = agencies[c.AgencyCode].Id })
            .ToDictionary(c => c.Code);
        db.Counters.AddRange(counters.Values);
        var services = new Dictionary<string, Service>();
        foreach (var s in data.Services)
        {
            var service = NewService(s, agencies[s.AgencyCode].Id, topics.GetValueOrDefault, counters.GetValueOrDefault);
            services[s.Code] = service;
            db.Services.Add(service);
        }
        foreach (var syn in data.Synonyms)
            db.Synonyms.Add(new Synonym { Term = syn.Term, Alternatives = syn.Alternatives });
        foreach (var a in data.Agreements)
        {
            var agreement = new Agreement
            {
                Number = a.Number, Kind = CatalogCodes.ParseAgreementKind(a.Kind) ?? AgreementKind.Commitment, Title = a.Title,
                AgencyId = agencies[a.AgencyCode].Id, Parties = a.Parties ?? "", SignedOn = a.SignedOn, ValidFrom = a.ValidFrom,
                ValidUntil = a.ValidUntil,
                Services = (a.ServiceCodes ?? []).Where(services.ContainsKey).Select(c => services[c]).ToList(),
            };
            agreement.Counters = (a.Counters ?? []).Where(c => counters.ContainsKey(c.CounterCode)).Select(c => new AgreementCounter
            {
                AgreementId = agreement.Id, CounterId = counters[c.CounterCode].Id,
                Weekdays = WeekdaysExtensions.FromIso(c.Weekdays), Officers = c.Officers,
            }).ToList();
            db.Agreements.Add(agreement);
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A catalog seeded by an older version of the demo lacks the demo services added since (for example the Link-Satu
    /// desk and the SLF service): each demo service whose code the catalog does not have is added, under its agency
    /// when that agency is itself demo-marked, with the topics and counters the catalog has by code. Nothing that is
    /// there is changed (a manager's edits stay), a service whose code exists is never added again, and a catalog of
    /// real agencies gets nothing.
    /// </summary>
    public static async Task<int> AddMissingServicesAsync(SatuAtapDb db, CancellationToken ct = default)
    {
        var data = Load();
        var existing = (await db.Services.AsNoTracking().Select(s => s.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = data.Services.Where(s => !existing.Contains(s.Code)).ToList();
        if (missing.Count == 0) return 0;
        var agencies = await db.Agencies.Where(a => a.IsDemo).ToDictionaryAsync(a => a.Code, ct);
        var topics = await db.Topics.ToDictionaryAsync(t => t.Code, ct);
        var counters = await db.Counters.ToDictionaryAsync(c => c.Code, ct);
        var added = 0;
        foreach (var s in missing.Where(s => agencies.ContainsKey(s.AgencyCode)))
        {
            db.Services.Add(NewService(s, agencies[s.AgencyCode].Id, topics.GetValueOrDefault, counters.GetValueOrDefault));
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }

    private static Service NewService(DemoService s, Guid agencyId, Func<string, Topic?> topic, Func<string, Counter?> counter)
    {
        var st = s.Standard;
        return new Service
        {
            Code = s.Code, AgencyId = agencyId, Name = s.Name, NameEn = s.NameEn,
            Summary = s.Summary ?? "", SummaryEn = s.SummaryEn, IsDemo = true,
            Channels = s.Channels.Aggregate(ServiceChannels.None, (acc, c) => acc | (CatalogCodes.ParseChannel(c) ?? ServiceChannels.None)),
            Standard = new ServiceStandard
            {
                Procedure = st.Procedure, ProcedureEn = st.ProcedureEn, CompletionWorkingDays = st.CompletionWorkingDays,
                CostRupiah = st.CostRupiah, Product = st.Product, ProductEn = st.ProductEn,
                ProductKind = ProductKinds.Parse(st.ProductKind) ?? ProductKind.Document,
                ComplaintHandling = st.ComplaintHandling, ComplaintHandlingEn = st.ComplaintHandlingEn, LegalBasis = st.LegalBasis,
                Facilities = st.Facilities ?? "", StaffCompetence = st.StaffCompetence ?? "", InternalSupervision = st.InternalSupervision ?? "",
                StaffCount = st.StaffCount ?? "", ServiceGuarantee = st.ServiceGuarantee ?? "", SafetyGuarantee = st.SafetyGuarantee ?? "",
                PerformanceEvaluation = st.PerformanceEvaluation ?? "",
            },
            Requirements = st.Requirements.Select((r, i) => new Requirement
            {
                Order = i, Name = r.Name, NameEn = r.NameEn, Required = r.Required,
                Kind = CatalogCodes.ParseRequirementKind(r.Kind) ?? RequirementKind.Document,
                FieldType = CatalogCodes.ParseFieldType(r.Type) ?? FieldType.Text,
            }).ToList(),
            Topics = s.Topics.Select(topic).OfType<Topic>().ToList(),
            Counters = (s.CounterCodes ?? []).Select(counter).OfType<Counter>().ToList(),
        };
    }

    internal static DemoData Load()
    {
        using var stream = typeof(DemoCatalog).Assembly.GetManifestResourceStream(ResourceName("catalog.json"))!;
        return JsonSerializer.Deserialize<DemoData>(stream, Json)!;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string ResourceName(string file) =>
        typeof(DemoCatalog).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));

    private static StreamReader OpenText(string file) =>
        new(typeof(DemoCatalog).Assembly.GetManifestResourceStream(ResourceName(file))!);

    /// <summary>The rows of an embedded CSV file after its header.</summary>
    private static List<string[]> ReadCsv(string file)
    {
        using var reader = OpenText(file);
        return CsvRows.Read(reader).Skip(1).Select(r => r.Cells).ToList();
    }

    internal sealed record DemoData(List<DemoTopic> Topics, List<DemoAgency> Agencies, List<DemoCounter> Counters,
        List<DemoService> Services, List<DemoSynonym> Synonyms, List<DemoAgreement> Agreements);
    internal sealed record DemoTopic(string Code, string Name, string? NameEn);
    internal sealed record DemoAgency(string Code, string Name, string? NameEn, string Kind, string? Description, string? DescriptionEn,
        string? Address = null, string? OpeningHours = null, string? OpeningHoursEn = null, string? Phone = null, string? Email = null);
    internal sealed record DemoCounter(string Code, string Name, string AgencyCode);
    internal sealed record DemoService(string Code, string AgencyCode, string Name, string? NameEn, string? Summary, string? SummaryEn,
        List<string> Topics, List<string> Channels, List<string>? CounterCodes, DemoStandard Standard);
    internal sealed record DemoStandard(List<DemoRequirement> Requirements, string Procedure, string? ProcedureEn, int CompletionWorkingDays,
        long CostRupiah, string Product, string? ProductEn, string ComplaintHandling, string? ComplaintHandlingEn, string LegalBasis,
        string? Facilities, string? StaffCompetence, string? InternalSupervision, string? StaffCount, string? ServiceGuarantee,
        string? SafetyGuarantee, string? PerformanceEvaluation, string? ProductKind = null);
    internal sealed record DemoRequirement(string Name, string? NameEn, string Kind, bool Required, string? Type = null);
    internal sealed record DemoSynonym(string Term, List<string> Alternatives);
    internal sealed record DemoAgreement(string Number, string Kind, string Title, string AgencyCode, string? Parties,
        DateOnly SignedOn, DateOnly ValidFrom, DateOnly ValidUntil, List<string>? ServiceCodes, List<DemoAgreementCounter>? Counters);
    internal sealed record DemoAgreementCounter(string CounterCode, List<int> Weekdays, int Officers);
}
