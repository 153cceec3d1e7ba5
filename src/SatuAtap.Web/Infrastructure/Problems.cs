using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Every API error is RFC 9457 problem details with a clear message, Indonesian by default and English on
/// request. Bad input is a 4xx that names the field, never a 500.
/// </summary>
public static class Problems
{
    public static IResult From<T>(Outcome<T> outcome) => outcome.Kind switch
    {
        OutcomeKind.NotFound => Problem(StatusCodes.Status404NotFound, outcome.Message),
        OutcomeKind.Forbidden => Problem(StatusCodes.Status403Forbidden, outcome.Message),
        OutcomeKind.Conflict => Problem(StatusCodes.Status409Conflict, outcome.Message),
        OutcomeKind.Unprocessable => outcome.Errors is null
            ? Problem(StatusCodes.Status422UnprocessableEntity, outcome.Message)
            : Problem(StatusCodes.Status422UnprocessableEntity, outcome.Message, new Dictionary<string, object?> { ["errors"] = outcome.Errors }),
        OutcomeKind.TooMany => Problem(StatusCodes.Status429TooManyRequests, outcome.Message),
        OutcomeKind.Invalid => Invalid(outcome.Errors?.ToDictionary() ?? [], outcome.Message),
        _ => throw new InvalidOperationException("A successful outcome is not a problem."),
    };

    /// <summary>The HTTP status of a refusal, for pages that re-show their form.</summary>
    public static int StatusOf(OutcomeKind kind) => kind switch
    {
        OutcomeKind.NotFound => 404,
        OutcomeKind.Forbidden => 403,
        OutcomeKind.Conflict => 409,
        OutcomeKind.Unprocessable => 422,
        OutcomeKind.TooMany => 429,
        OutcomeKind.Ok => 200,
        OutcomeKind.Created => 201,
        _ => 400,
    };

    public static ProblemHttpResult Problem(int status, string? detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(status), extensions: extensions);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail ?? Lang.T("Isian tidak valid.", "The input is not valid."), title: Title(400));

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static string Title(int status) => status switch
    {
        400 => Lang.T("Permintaan tidak valid", "Bad request"),
        401 => Lang.T("Perlu masuk", "Sign-in required"),
        403 => Lang.T("Tidak diizinkan", "Forbidden"),
        404 => Lang.T("Tidak ditemukan", "Not found"),
        405 => Lang.T("Metode tidak diizinkan", "Method not allowed"),
        409 => Lang.T("Konflik", "Conflict"),
        413 => Lang.T("Isi permintaan terlalu besar", "Request body too large"),
        415 => Lang.T("Jenis isi tidak didukung", "Unsupported media type"),
        422 => Lang.T("Tidak dapat diproses", "Unprocessable"),
        429 => Lang.T("Terlalu banyak permintaan", "Too many requests"),
        503 => Lang.T("Layanan sedang tidak tersedia", "Service temporarily unavailable"),
        _ => Lang.T("Terjadi kesalahan", "An error occurred"),
    };

    public static string DefaultDetail(int status) => status switch
    {
        401 => Lang.T("Silakan masuk terlebih dahulu.", "Please sign in first."),
        403 => Lang.T("Anda tidak berwenang melakukan ini.", "You are not allowed to do this."),
        404 => Lang.T("Alamat atau data yang diminta tidak ditemukan.", "The requested address or record was not found."),
        405 => Lang.T("Metode HTTP ini tidak didukung di alamat ini.", "This HTTP method is not supported here."),
        413 => Lang.T("Isi permintaan melebihi batas ukuran.", "The request body is over the size limit."),
        415 => Lang.T("Kirim isi sebagai application/json.", "Send the body as application/json."),
        429 => Lang.T("Terlalu banyak permintaan. Coba lagi sebentar lagi.", "Too many requests. Try again shortly."),
        503 => Lang.T("Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi.", "The database cannot be reached at the moment. Try again shortly."),
        _ => Lang.T("Terjadi kesalahan pada server. Kejadian ini sudah dicatat.", "A server error occurred. It has been logged."),
    };

    /// <summary>Fills in title and detail of every problem body, including those the framework writes itself.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        if (string.IsNullOrEmpty(context.ProblemDetails.Title) || context.ProblemDetails.Title.StartsWith("One or more", StringComparison.Ordinal)
            || context.ProblemDetails.Type?.StartsWith("https://tools.ietf.org", StringComparison.Ordinal) == true && context.ProblemDetails.Detail is null)
            context.ProblemDetails.Title = Title(status);
        context.ProblemDetails.Detail ??= DefaultDetail(status);
        context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }
}

/// <summary>
/// On <c>/api</c>: turns a body that cannot be read (malformed JSON, wrong type, too large) into 400 or 413 naming the
/// field, a save that lost a race on a record's version into 409, a database that cannot be reached into 503 with
/// Retry-After, and anything else into a 500 problem. Pages are left to the HTML error page (<see cref="PageStatus"/>).
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> log) : IExceptionHandler
{
    /// <summary>The status of the HTML error page shown for a page's failure.</summary>
    public static int PageStatus(Exception exception) => exception switch
    {
        _ when DatabaseOutage.IsUnreachable(exception) => 503,
        BadHttpRequestException b => b.StatusCode,
        Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => 409,
        _ => 500,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // The middleware has already pointed the request at the error page; the feature keeps the address that failed.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value;
        if (!new PathString(path).StartsWithSegments("/api")) return false;
        var (status, detail, field) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, Problems.DefaultDetail(413), null),
            BadHttpRequestException { InnerException: JsonException json } => (400, JsonDetail(json), JsonField(json)),
            BadHttpRequestException b when b.StatusCode == 415 => (415, Problems.DefaultDetail(415), null),
            BadHttpRequestException b => (b.StatusCode, Lang.T("Permintaan tidak dapat dibaca: ", "The request could not be read: ") + b.Message, (string?)null),
            JsonException json => (400, JsonDetail(json), JsonField(json)),
            // A multipart body cut short or without its boundary: the client's fault, not the server's.
            InvalidDataException or IOException when http.Request.HasFormContentType && !http.RequestAborted.IsCancellationRequested =>
                (400, Lang.T("Isi formulir (multipart/form-data) terpotong atau rusak.", "The form body (multipart/form-data) is cut short or malformed."), "body"),
            // Two saves of one record at once where the use case does not answer it itself: the later one is stale.
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (409, Core.Common.Outcome<bool>.StaleVersion().Message!, (string?)null),
            _ when DatabaseOutage.IsUnreachable(exception) => (503, Problems.DefaultDetail(503), (string?)null),
            _ => (500, Problems.DefaultDetail(500), null),
        };
        if (status == 500) log.LogError(exception, "Unhandled error on {Path}", path);
        if (status == 503) log.LogWarning(exception, "Database unreachable on {Path}", path);
        http.Response.StatusCode = status;
        if (status == 503) DatabaseOutage.MarkUnavailable(http.Response);
        var problem = new ProblemDetails { Status = status, Title = Problems.Title(status), Detail = detail };
        if (field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static string? JsonField(JsonException json) =>
        string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');

    private static string JsonDetail(JsonException json) => JsonField(json) is { } f && f != "body"
        ? Lang.T($"Nilai '{f}' tidak sesuai jenisnya atau JSON rusak.", $"The value of '{f}' has the wrong type or the JSON is malformed.")
        : Lang.T("Isi permintaan bukan JSON yang valid.", "The request body is not valid JSON.");
}

/// <summary>Refuses a declared body over the limit before reading it (413), for every host including the test host.</summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<LimitsOptions> limits)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? limits.Value.MaxRequestBodyBytes;
        var feature = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = 413;
            if (http.Request.Path.StartsWithSegments("/api"))
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails { Status = 413, Title = Problems.Title(413), Detail = Problems.DefaultDetail(413) + Lang.T($" Batas: {limit:N0} bita.", $" Limit: {limit:N0} bytes.") },
                });
            return;
        }
        await next(http);
    }
}
