using SatuAtap.Core.Catalog.Search;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

public sealed record AgencyView(Guid Id, string Code, string Name, string? NameEn, AgencyKind Kind, string Description, string? DescriptionEn, bool IsDemo, Guid Version,
    string Address = "", string OpeningHours = "", string? OpeningHoursEn = null, string Phone = "", string Email = "")
{
    public string DisplayOpeningHours => Lang.Pick(OpeningHours, OpeningHoursEn);
    public string DisplayName => Lang.Pick(Name, NameEn);
    public string KindCode => CatalogCodes.AgencyKind(Kind);
}

public sealed record TopicView(Guid Id, string Code, string Name, string? NameEn, int Order, Guid Version)
{
    public string DisplayName => Lang.Pick(Name, NameEn);
}

public sealed record RequirementView(Guid Id, string Name, string? NameEn, RequirementKind Kind, bool Required, FieldType Type = FieldType.Text)
{
    public string DisplayName => Lang.Pick(Name, NameEn);
}

/// <summary>A building counter that serves a service, with the weekdays and officers its current agreements give it.</summary>
public sealed record CounterView(Guid Id, string Code, string Name, Guid AgencyId, Weekdays Weekdays, int Officers);

public sealed record ServiceView(
    Guid Id, string Code, AgencyView Agency, string Name, string? NameEn, string Summary, string? SummaryEn,
    ServiceChannels Channels, bool IsDemo, ServiceStandard Standard, IReadOnlyList<RequirementView> Requirements,
    IReadOnlyList<TopicView> Topics, IReadOnlyList<CounterView> Counters, Guid Version)
{
    public string DisplayName => Lang.Pick(Name, NameEn);
    public string DisplaySummary => Lang.Pick(Summary, SummaryEn);
}

/// <summary>
/// The published catalog as one immutable, in-memory picture: what citizens browse and search, read many
/// thousand times for each change. Rebuilt from the database when the catalog changes.
/// </summary>
public sealed class CatalogSnapshot
{
    public CatalogSnapshot(IEnumerable<AgencyView> agencies, IEnumerable<TopicView> topics, IEnumerable<ServiceView> services,
        IEnumerable<ServiceSearchIndex.SynonymGroup> synonyms, WorkingDayCalendar calendar, DateTime builtAtUtc)
    {
        Agencies = agencies.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        Topics = topics.OrderBy(t => t.Order).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        Services = services.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        ServicesById = Services.ToDictionary(s => s.Id);
        ServicesByCode = Services.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        AgenciesByCode = Agencies.ToDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase);
        Calendar = calendar;
        BuiltAtUtc = builtAtUtc;
        SearchIndex = new ServiceSearchIndex(
            Services.Select(s => new ServiceSearchIndex.Document(s.Id, s.Name, s.NameEn,
                string.Join(' ', [s.Code, s.Summary, s.SummaryEn, s.Agency.Code, s.Agency.Name, s.Agency.NameEn,
                    s.Standard.Product, s.Standard.ProductEn, .. s.Topics.Select(t => t.Name + " " + t.NameEn)]))),
            synonyms);
    }

    public IReadOnlyList<AgencyView> Agencies { get; }
    public IReadOnlyList<TopicView> Topics { get; }
    public IReadOnlyList<ServiceView> Services { get; }
    public IReadOnlyDictionary<Guid, ServiceView> ServicesById { get; }
    public IReadOnlyDictionary<string, ServiceView> ServicesByCode { get; }
    public IReadOnlyDictionary<string, AgencyView> AgenciesByCode { get; }
    public ServiceSearchIndex SearchIndex { get; }
    public WorkingDayCalendar Calendar { get; }
    public DateTime BuiltAtUtc { get; }

    /// <summary>
    /// The search, remembered per normalised query for the life of this snapshot: what people type is heavily
    /// repeated (ktp, akta, skck …). Bounded, so that a flood of distinct queries cannot grow it.
    /// </summary>
    public IReadOnlyList<Guid> Search(string query)
    {
        var key = SearchText.Normalize(query);
        if (_searches.TryGetValue(key, out var hit)) return hit;
        var ids = SearchIndex.Search(key);
        if (_searches.Count < SearchCacheSize) _searches.TryAdd(key, ids);
        return ids;
    }

    public AgencyView? FindAgency(string idOrCode) =>
        Guid.TryParse(idOrCode, out var id) ? Agencies.FirstOrDefault(a => a.Id == id)
        : AgenciesByCode.GetValueOrDefault(idOrCode);

    public TopicView? FindTopic(string idOrCode) =>
        Topics.FirstOrDefault(t => Guid.TryParse(idOrCode, out var id) ? t.Id == id : string.Equals(t.Code, idOrCode, StringComparison.OrdinalIgnoreCase));

    public ServiceView? FindService(string idOrCode) =>
        Guid.TryParse(idOrCode, out var id) ? ServicesById.GetValueOrDefault(id) : ServicesByCode.GetValueOrDefault(idOrCode);

    private const int SearchCacheSize = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Guid>> _searches = new(StringComparer.Ordinal);

    /// <summary>Services matching a query (best first; all by name when the query is empty), filtered by agency and topic.</summary>
    public IEnumerable<ServiceView> Find(string? query, Guid? agencyId, Guid? topicId)
    {
        IEnumerable<ServiceView> found = string.IsNullOrWhiteSpace(query)
            ? Services
            : Search(query).Select(id => ServicesById[id]);
        if (agencyId is { } a) found = found.Where(s => s.Agency.Id == a);
        if (topicId is { } t) found = found.Where(s => s.Topics.Any(x => x.Id == t));
        return found;
    }
}

/// <summary>The words of the API contract for catalog enums.</summary>
public static class CatalogCodes
{
    public static string AgencyKind(AgencyKind kind) => kind switch
    {
        Catalog.AgencyKind.Regional => "regional",
        Catalog.AgencyKind.Vertical => "vertical",
        Catalog.AgencyKind.StateEnterprise => "stateEnterprise",
        Catalog.AgencyKind.Bank => "bank",
        _ => "other",
    };

    public static AgencyKind? ParseAgencyKind(string? code) => code switch
    {
        "regional" => Catalog.AgencyKind.Regional,
        "vertical" => Catalog.AgencyKind.Vertical,
        "stateEnterprise" => Catalog.AgencyKind.StateEnterprise,
        "bank" => Catalog.AgencyKind.Bank,
        "other" => Catalog.AgencyKind.Other,
        _ => null,
    };

    public static string AgencyKindLabel(AgencyKind kind) => kind switch
    {
        Catalog.AgencyKind.Regional => Lang.T("Perangkat daerah", "Regional agency"),
        Catalog.AgencyKind.Vertical => Lang.T("Instansi vertikal", "Vertical agency"),
        Catalog.AgencyKind.StateEnterprise => Lang.T("BUMN/BUMD", "State enterprise"),
        Catalog.AgencyKind.Bank => Lang.T("Bank", "Bank"),
        _ => Lang.T("Lainnya", "Other"),
    };

    public static string[] Channels(ServiceChannels c)
    {
        var list = new List<string>(3);
        if (c.HasFlag(ServiceChannels.Building)) list.Add("building");
        if (c.HasFlag(ServiceChannels.Mobile)) list.Add("mobile");
        if (c.HasFlag(ServiceChannels.Online)) list.Add("online");
        return [.. list];
    }

    public static ServiceChannels? ParseChannel(string? code) => code switch
    {
        "building" => ServiceChannels.Building,
        "mobile" => ServiceChannels.Mobile,
        "online" => ServiceChannels.Online,
        _ => null,
    };

    public static string ChannelLabel(ServiceChannels c) => c switch
    {
        ServiceChannels.Building => Lang.T("Di gedung MPP", "At the mall building"),
        ServiceChannels.Mobile => Lang.T("MPP keliling", "Mobile unit"),
        ServiceChannels.Online => Lang.T("Daring (online)", "Online"),
        _ => "",
    };

    public static string RequirementKind(RequirementKind k) => k == Catalog.RequirementKind.Document ? "document" : "field";

    public static RequirementKind? ParseRequirementKind(string? code) => code switch
    {
        "document" => Catalog.RequirementKind.Document,
        "field" => Catalog.RequirementKind.Field,
        _ => null,
    };

    public static string FieldType(FieldType t) => t.ToString().ToLowerInvariant();

    /// <summary>A field type from its code (<c>nik</c>, <c>npwp</c>, <c>phone</c>, <c>email</c>, <c>date</c>, <c>address</c>, <c>number</c>, <c>text</c>).</summary>
    public static FieldType? ParseFieldType(string? code) =>
        code is not null && Enum.GetValues<FieldType>().FirstOrDefault(t => FieldType(t) == code) is var t && FieldType(t) == code ? t : null;

    public static string AgreementKind(AgreementKind k) => k switch
    {
        Catalog.AgreementKind.Memorandum => "memorandum",
        Catalog.AgreementKind.Cooperation => "cooperation",
        _ => "commitment",
    };

    public static AgreementKind? ParseAgreementKind(string? code) => code switch
    {
        "memorandum" => Catalog.AgreementKind.Memorandum,
        "cooperation" => Catalog.AgreementKind.Cooperation,
        "commitment" => Catalog.AgreementKind.Commitment,
        _ => null,
    };

    public static string AgreementKindLabel(AgreementKind k) => k switch
    {
        Catalog.AgreementKind.Memorandum => Lang.T("Nota kesepakatan (MoU)", "Memorandum of understanding"),
        Catalog.AgreementKind.Cooperation => Lang.T("Perjanjian kerja sama (PKS)", "Cooperation agreement"),
        _ => Lang.T("Komitmen bersama", "Commitment"),
    };
}
