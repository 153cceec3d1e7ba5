using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace SatuAtap.Web.Catalog;

public sealed record AgencyItem(Guid Id, string Code, string Name, string Kind, string? NameEn, string Description, bool IsDemo, Guid Version,
    string? DescriptionEn, string Address, string OpeningHours, string? OpeningHoursEn, string Phone, string Email);
public sealed record ServiceItem(Guid Id, string Code, string Name, Guid AgencyId, string? NameEn, string Summary, long CostRupiah, int CompletionWorkingDays, string[] Channels);
public sealed record ServicePage(IReadOnlyList<ServiceItem> Items, int Total, int Page, int PageSize);
public sealed record TopicItem(Guid Id, string Code, string Name, string? NameEn, int Order, Guid Version);
public sealed record CounterItem(Guid Id, string Code, string Name, Guid AgencyId, Guid[] ServiceIds, int[] Weekdays, Guid Version);
public sealed record CounterRef(Guid Id, string Code, string Name, int[] Weekdays, int Officers);
public sealed record AgencyRef(Guid Id, string Code, string Name);

/// <summary>A service in full: the document a PUT takes back, plus names for display.</summary>
public sealed record ServiceDetail(
    Guid Id, string Code, string Name, string? NameEn, string Summary, string? SummaryEn, Guid AgencyId, AgencyRef Agency,
    string[] Topics, string[] Channels, Guid[] CounterIds, IReadOnlyList<CounterRef> Counters, StandardDocument Standard,
    Guid Version, bool IsDemo)
{
    public static ServiceDetail From(ServiceView s, bool withInternal)
    {
        var d = ServiceDocument.From(s, withInternal);
        return new ServiceDetail(s.Id, s.Code, s.Name, s.NameEn, s.Summary, s.SummaryEn, s.Agency.Id,
            new AgencyRef(s.Agency.Id, s.Agency.Code, s.Agency.Name), d.Topics!, d.Channels!, d.CounterIds!,
            s.Counters.Select(c => new CounterRef(c.Id, c.Code, c.Name, c.Weekdays.IsoNumbers(), c.Officers)).ToList(),
            d.Standard!, s.Version, s.IsDemo);
    }
}

/// <summary>Catalog API: agencies, services and their standards, topics, synonyms, counters.</summary>
public static class CatalogEndpoints
{
    public static void MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Catalog");

        api.MapGet("/agencies", async (CatalogCache cache, CancellationToken ct) =>
            (await cache.GetAsync(ct)).Agencies.Select(ToItem).ToList());
        api.MapGet("/agencies/{id}", async (string id, CatalogCache cache, CancellationToken ct) =>
            (await cache.GetAsync(ct)).FindAgency(id) is { } a ? Results.Ok(ToItem(a)) : Problems.Problem(404, null));
        api.MapPost("/agencies", (AgencyDocument body, CatalogEdits edits, HttpContext http, CancellationToken ct) =>
            Write(edits.SaveAgencyAsync(null, body, http.Caller(), ct), id => $"/api/v1/agencies/{id}", http))
            .RequireAuthorization(Policies.Manager);
        api.MapPut("/agencies/{id:guid}", (Guid id, AgencyDocument body, CatalogEdits edits, HttpContext http, CancellationToken ct) =>
            Write(edits.SaveAgencyAsync(id, body, http.Caller(), ct), i => $"/api/v1/agencies/{i}", http))
            .RequireAuthorization(Policies.Manager);

        api.MapGet("/services", async (string? q, string? agency, string? topic, string? page, string? pageSize, CatalogCache cache, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var p = read.Int("page", page, 1, 1, 10_000);
            var size = read.Int("pageSize", pageSize, 20, 1, 100);
            if (q is { Length: > 200 }) read.Fail("q", Lang.T("Kata kunci paling banyak 200 karakter.", "The query is at most 200 characters."));
            var catalog = await cache.GetAsync(ct);
            Guid? agencyId = null, topicId = null;
            if (!string.IsNullOrWhiteSpace(agency))
            {
                if (catalog.FindAgency(agency) is { } a) agencyId = a.Id;
                else read.Fail("agency", Lang.T("Instansi tidak dikenal.", "Unknown agency."));
            }
            if (!string.IsNullOrWhiteSpace(topic))
            {
                if (catalog.FindTopic(topic) is { } t) topicId = t.Id;
                else read.Fail("topic", Lang.T("Topik tidak dikenal.", "Unknown topic."));
            }
            if (read.Failed) return read.Problem();
            var found = catalog.Find(q, agencyId, topicId).ToList();
            var items = found.Skip((p - 1) * size).Take(size)
                .Select(s => new ServiceItem(s.Id, s.Code, s.Name, s.Agency.Id, s.NameEn, s.Summary, s.Standard.CostRupiah,
                    s.Standard.CompletionWorkingDays, CatalogCodes.Channels(s.Channels)))
                .ToList();
            return Results.Ok(new ServicePage(items, found.Count, p, size));
        });
        api.MapGet("/services/{id}", async (string id, CatalogCache cache, HttpContext http, CancellationToken ct) =>
        {
            var s = (await cache.GetAsync(ct)).FindService(id);
            if (s is null) return Problems.Problem(404, Lang.T("Layanan tidak ditemukan.", "Service not found."));
            return Results.Ok(ServiceDetail.From(s, http.Caller().MayEditAgencyContent(s.Agency.Id)));
        });
        api.MapPost("/services", async (ServiceDocument body, SaveService save, CatalogCache cache, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(null, body, http.Caller(), ct);
            if (!outcome.Succeeded) return Problems.From(outcome);
            var s = (await cache.GetAsync(ct)).ServicesById[outcome.Value];
            return Results.Created($"/api/v1/services/{s.Id}", ServiceDetail.From(s, true));
        }).RequireAuthorization(Policies.CatalogEditor);
        api.MapPut("/services/{id:guid}", async (Guid id, ServiceDocument body, SaveService save, CatalogCache cache, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(id, body, http.Caller(), ct);
            if (!outcome.Succeeded) return Problems.From(outcome);
            return Results.Ok(ServiceDetail.From((await cache.GetAsync(ct)).ServicesById[id], true));
        }).RequireAuthorization(Policies.CatalogEditor);

        api.MapGet("/topics", async (CatalogCache cache, CancellationToken ct) =>
            (await cache.GetAsync(ct)).Topics.Select(t => new TopicItem(t.Id, t.Code, t.Name, t.NameEn, t.Order, t.Version)).ToList());
        api.MapPost("/topics", (TopicDocument body, CatalogEdits edits, HttpContext http, CancellationToken ct) =>
            Write(edits.SaveTopicAsync(null, body, http.Caller(), ct), id => $"/api/v1/topics/{id}", http))
            .RequireAuthorization(Policies.Manager);
        api.MapPut("/topics/{id:guid}", (Guid id, TopicDocument body, CatalogEdits edits, HttpContext http, CancellationToken ct) =>
            Write(edits.SaveTopicAsync(id, body, http.Caller(), ct), i => $"/api/v1/topics/{i}", http))
            .RequireAuthorization(Policies.Manager);

        api.MapGet("/synonyms", async (SatuAtapDb db, CancellationToken ct) =>
            await db.Synonyms.AsNoTracking().OrderBy(s => s.Term)
                .Select(s => new SynonymDocument(s.Id, s.Term, s.Alternatives.ToArray(), s.Version)).ToListAsync(ct));
        api.MapPost("/synonyms", (SynonymDocument body, CatalogEdits edits, HttpContext http, CancellationToken ct) =>
            Write(edits.SaveSynonymAsync(null, body, http.Caller(), ct), id => $"/api/v1/synonyms/{id}", http))
            .RequireAuthorization(Policies.Manager);
        api.MapPut("/synonyms/{id:guid}", (Guid id, SynonymDocument body, CatalogEdits edits, HttpContext http, CancellationToken ct) =>
            Write(edits.SaveSynonymAsync(id, body, http.Caller(), ct), i => $"/api/v1/synonyms/{i}", http))
            .RequireAuthorization(Policies.Manager);

        api.MapGet("/counters", async (SatuAtapDb db, CatalogCache cache, CancellationToken ct) =>
        {
            var catalog = await cache.GetAsync(ct);
            var staffed = catalog.Services.SelectMany(s => s.Counters).GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().Weekdays);
            return (await db.Counters.AsNoTracking().Include(c => c.Services).OrderBy(c => c.Code).ToListAsync(ct))
                .Select(c => new CounterItem(c.Id, c.Code, c.Name, c.AgencyId, c.Services.Select(s => s.Id).ToArray(),
                    staffed.GetValueOrDefault(c.Id).IsoNumbers(), c.Version)).ToList();
        });
        api.MapPost("/counters", (CounterDocument body, CatalogEdits edits, HttpContext http, CancellationToken ct) =>
            Write(edits.SaveCounterAsync(null, body, http.Caller(), ct), id => $"/api/v1/counters/{id}", http))
            .RequireAuthorization(Policies.CatalogEditor);
        api.MapPut("/counters/{id:guid}", (Guid id, CounterDocument body, CatalogEdits edits, HttpContext http, CancellationToken ct) =>
            Write(edits.SaveCounterAsync(id, body, http.Caller(), ct), i => $"/api/v1/counters/{i}", http))
            .RequireAuthorization(Policies.CatalogEditor);
    }

    private static AgencyItem ToItem(AgencyView a) =>
        new(a.Id, a.Code, a.Name, a.KindCode, a.NameEn, a.Description, a.IsDemo, a.Version,
            a.DescriptionEn, a.Address, a.OpeningHours, a.OpeningHoursEn, a.Phone, a.Email);

    /// <summary>201 with a location for a new record, 200 for an edit, problem details otherwise.</summary>
    internal static async Task<IResult> Write<T>(Task<Outcome<T>> pending, Func<T, string> location, HttpContext http)
    {
        var outcome = await pending;
        if (!outcome.Succeeded) return Problems.From(outcome);
        var body = new { id = outcome.Value, location = location(outcome.Value!) };
        return outcome.Kind == OutcomeKind.Created ? Results.Created(location(outcome.Value!), body) : Results.Ok(body);
    }
}
