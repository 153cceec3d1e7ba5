using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Feedback;

/// <summary>
/// Open311 GeoReport v2 over the complaint desk, so that civic tools can use it: the services, a service's definition,
/// posting a request (with a client's <c>api_key</c>), the requests and one request. Every resource in XML (required by
/// the specification) and JSON, by the extension; errors in the specification's format: a list of
/// <c>code</c> and <c>description</c>, with the HTTP status of the code.
/// </summary>
public static class Open311Endpoints
{
    public static void MapOpen311Endpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/open311/v2").WithTags("Open311");
        v2.MapGet("/services.{format}", async (string format, Open311Desk desk, CancellationToken ct) =>
            Format(format) is not { } f ? UnknownFormat() : Write(f, "services", "service", (await desk.ServicesAsync(ct)).Select(ServiceFields)));
        v2.MapGet("/services/{code}.{format}", async (string code, string format, Open311Desk desk, CancellationToken ct) =>
        {
            if (Format(format) is not { } f) return UnknownFormat();
            if (await desk.ServiceAsync(code, ct) is not { } service)
                return Error(f, 404, Lang.T($"service_code {code} tidak dikenal.", $"service_code {code} is not known."));
            return Definition(f, service.ServiceCode);
        });
        v2.MapPost("/requests.{format}", async (string format, HttpContext http, Open311Desk desk, FileComplaint handler, CancellationToken ct) =>
        {
            if (Format(format) is not { } f) return UnknownFormat();
            if (!http.Request.HasFormContentType)
                return Error(f, 400, Lang.T("Kirim sebagai application/x-www-form-urlencoded.", "Send application/x-www-form-urlencoded."));
            var form = await http.Request.ReadFormAsync(ct);
            var client = await desk.ClientOfKeyAsync(form["api_key"].ToString(), ct);
            if (client is null) return Error(f, 403, Lang.T("api_key tidak valid.", "Invalid api_key."));
            var code = form["service_code"].ToString();
            if (string.IsNullOrWhiteSpace(code)) return Error(f, 400, Lang.T("service_code wajib diisi.", "service_code is required."));
            if (await desk.ServiceAsync(code, ct) is null)
                return Error(f, 404, Lang.T($"service_code {code} tidak dikenal.", $"service_code {code} is not known."));
            double? lat = null, lon = null;
            if (!string.IsNullOrWhiteSpace(form["lat"]) || !string.IsNullOrWhiteSpace(form["long"]))
            {
                if (!double.TryParse(form["lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var la)
                    || !double.TryParse(form["long"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
                    return Error(f, 400, Lang.T("lat dan long harus angka, keduanya.", "lat and long must both be numbers."));
                (lat, lon) = (la, lo);
            }
            var address = form["address_string"].ToString();
            if (lat is null && string.IsNullOrWhiteSpace(address) && string.IsNullOrWhiteSpace(form["address_id"]))
                return Error(f, 400, Lang.T("Lokasi wajib: lat dan long, address_string, atau address_id.", "A location is required: lat and long, address_string or address_id."));
            var name = string.Join(" ", new[] { form["first_name"].ToString(), form["last_name"].ToString() }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var outcome = await handler.HandleAsync(new ComplaintInput(form["description"].ToString(), code, null, null, name, form["email"].ToString(),
                // A number the mall cannot read (the specification fixes no format) is left out rather than refusing the report.
                SatuAtap.Core.Identity.PhoneNumber.Normalize(form["phone"].ToString()), lat, lon, string.IsNullOrWhiteSpace(address) ? null : address), null, http.Caller(), client, ct);
            if (!outcome.Succeeded)
                return Error(f, outcome.Kind == OutcomeKind.NotFound ? 404 : 400, string.Join(" ", outcome.Errors?.Select(e =>
                    (e.Key == "text" ? "description" : e.Key) + ": " + string.Join(" ", e.Value)) ?? [outcome.Message ?? ""]));
            var notice = Lang.T($"Pengaduan diterima dengan nomor {outcome.Value!.Number}; diteruskan paling lambat {outcome.Value.ForwardDue:yyyy-MM-dd}.",
                $"Complaint received as {outcome.Value!.Number}; it is forwarded by {outcome.Value.ForwardDue:yyyy-MM-dd}.");
            return Write(f, "service_requests", "request", [new Dictionary<string, object?>
            {
                ["service_request_id"] = outcome.Value.Number, ["service_notice"] = notice, ["account_id"] = null,
            }]);
        }).DisableAntiforgery().RequireRateLimiting(RateLimiting.PublicWrites);
        v2.MapGet("/requests.{format}", async (string format, string? service_request_id, string? service_code, string? start_date, string? end_date,
            string? status, Open311Desk desk, CancellationToken ct) =>
        {
            if (Format(format) is not { } f) return UnknownFormat();
            DateTime? start = null, end = null;
            if (!string.IsNullOrEmpty(start_date))
            {
                if (!DateTimeOffset.TryParse(start_date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var s))
                    return Error(f, 400, Lang.T("start_date harus tanggal-waktu ISO 8601.", "start_date must be an ISO 8601 date-time."));
                start = s.UtcDateTime;
            }
            if (!string.IsNullOrEmpty(end_date))
            {
                if (!DateTimeOffset.TryParse(end_date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var e))
                    return Error(f, 400, Lang.T("end_date harus tanggal-waktu ISO 8601.", "end_date must be an ISO 8601 date-time."));
                end = e.UtcDateTime;
            }
            if (status is not (null or "" or "open" or "closed")) return Error(f, 400, Lang.T("status harus open atau closed.", "status must be open or closed."));
            if (!string.IsNullOrEmpty(service_code) && await desk.ServiceAsync(service_code, ct) is null)
                return Error(f, 404, Lang.T($"service_code {service_code} tidak dikenal.", $"service_code {service_code} is not known."));
            var ids = string.IsNullOrWhiteSpace(service_request_id) ? null : service_request_id.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var requests = await desk.RequestsAsync(new Open311Query(ids, string.IsNullOrEmpty(service_code) ? null : service_code, start, end,
                string.IsNullOrEmpty(status) ? null : status), ct);
            return Write(f, "service_requests", "request", requests.Select(RequestFields));
        });
        v2.MapGet("/requests/{id}.{format}", async (string id, string format, Open311Desk desk, CancellationToken ct) =>
        {
            if (Format(format) is not { } f) return UnknownFormat();
            var found = await desk.RequestsAsync(new Open311Query([id], null, null, null, null), ct);
            return found.Count == 0
                ? Error(f, 404, Lang.T($"service_request_id {id} tidak ditemukan.", $"service_request_id {id} was not found."))
                : Write(f, "service_requests", "request", found.Select(RequestFields));
        });
    }

    private static string? Format(string format) => format is "json" or "xml" ? format : null;

    private static IResult UnknownFormat() => Results.Text("Use .xml or .json", "text/plain", Encoding.UTF8, 404);

    private static Dictionary<string, object?> ServiceFields(Open311Service s) => new()
    {
        ["service_code"] = s.ServiceCode, ["service_name"] = s.ServiceName, ["description"] = s.Description, ["metadata"] = s.Metadata,
        ["type"] = s.Type, ["keywords"] = s.Keywords, ["group"] = s.Group,
    };

    private static Dictionary<string, object?> RequestFields(Open311Request r) => new()
    {
        ["service_request_id"] = r.ServiceRequestId, ["status"] = r.Status, ["status_notes"] = r.StatusNotes, ["service_name"] = r.ServiceName,
        ["service_code"] = r.ServiceCode, ["description"] = r.Description, ["agency_responsible"] = r.AgencyResponsible, ["service_notice"] = r.ServiceNotice,
        ["requested_datetime"] = r.RequestedDatetime, ["updated_datetime"] = r.UpdatedDatetime, ["expected_datetime"] = r.ExpectedDatetime,
        ["address"] = r.Address, ["address_id"] = r.AddressId, ["zipcode"] = r.Zipcode, ["lat"] = r.Latitude, ["long"] = r.Longitude, ["media_url"] = r.MediaUrl,
    };

    /// <summary>A service without extra attributes (metadata false): its definition has an empty attribute list.</summary>
    private static IResult Definition(string format, string code)
    {
        if (format == "json")
            return Results.Text(JsonSerializer.Serialize(new Dictionary<string, object?> { ["service_code"] = code, ["attributes"] = Array.Empty<object>() }),
                "application/json", Encoding.UTF8);
        return Xml(w =>
        {
            w.WriteStartElement("service_definition");
            w.WriteElementString("service_code", code);
            w.WriteStartElement("attributes");
            w.WriteEndElement();
            w.WriteEndElement();
        }, 200);
    }

    /// <summary>The specification's error format: a list of errors, each a code (the HTTP status) and a description.</summary>
    public static IResult Error(string format, int status, string description) =>
        Write(format, "errors", "error", [new Dictionary<string, object?> { ["code"] = status, ["description"] = description }], status);

    private static IResult Write(string format, string root, string item, IEnumerable<Dictionary<string, object?>> rows, int status = 200)
    {
        if (format == "json")
            return Results.Text(JsonSerializer.Serialize(rows), "application/json", Encoding.UTF8, status);
        return Xml(w =>
        {
            w.WriteStartElement(root);
            foreach (var row in rows)
            {
                w.WriteStartElement(item);
                foreach (var (key, value) in row)
                    w.WriteElementString(key, value switch
                    {
                        null => "",
                        bool b => b ? "true" : "false",
                        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
                        _ => value.ToString(),
                    });
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }, status);
    }

    private static IResult Xml(Action<XmlWriter> body, int status)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            w.WriteStartDocument();
            body(w);
            w.WriteEndDocument();
        }
        return Results.Text(buffer.ToArray(), "text/xml; charset=utf-8", status);
    }
}
