using System.Text.Json;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;

namespace SatuAtap.Web.Applications;

/// <summary>What the application form shows: the service's requirements, the values so far, the documents received, the errors.</summary>
public sealed record ApplicationFormView(ServiceView Service, IReadOnlyDictionary<Guid, string> Values, IReadOnlyList<DocumentView> Documents,
    IReadOnlyDictionary<string, string[]> Errors, Guid? ApplicationId)
{
    public string? Error(string key) => Errors.TryGetValue(key, out var m) ? string.Join(" ", m) : null;
}

/// <summary>
/// Reads the application form (fields <c>f_{requirementId}</c>, files <c>d_{requirementId}</c>) and applies it through
/// the same use cases as the API, collecting errors by field for the page to show beside each input.
/// </summary>
public sealed class ApplicationForm(SubmitApplication submit, UploadDocument upload, IOptions<ApplicationsOptions> options)
{
    /// <summary>Body limit of form posts that carry several documents (each is still held to Applications:MaxUploadBytes).</summary>
    public const long FormLimitBytes = 64L * 1024 * 1024;

    public async Task<Dictionary<string, string[]>> SaveAsync(HttpRequest request, Guid id, ServiceView service, Caller viewer, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var fields = service.Requirements.Where(r => r.Kind == RequirementKind.Field)
            .ToDictionary(r => r.Id.ToString(), r => (string?)form["f_" + r.Id].ToString());
        var saved = await submit.SaveFieldsAsync(id, new SaveFieldsRequest(fields), viewer, ct);
        if (!saved.Succeeded) Merge(errors, saved.Errors, saved.Message);
        var max = options.Value.MaxUploadBytes;
        foreach (var r in service.Requirements.Where(r => r.Kind == RequirementKind.Document))
        {
            var file = form.Files.GetFile("d_" + r.Id);
            if (file is null || file.Length == 0) continue;
            var key = "documents." + r.Name;
            if (file.Length > max)
            {
                errors[key] = [Lang.T($"Berkas melebihi batas {max / 1024 / 1024.0:0.#} MB.", $"The file is over the {max / 1024 / 1024.0:0.#} MB limit.")];
                continue;
            }
            await using var stream = file.OpenReadStream();
            var outcome = await upload.HandleAsync(id, r.Id.ToString(), stream, file.FileName, file.Length, viewer, ct);
            if (!outcome.Succeeded) errors[key] = [outcome.Message ?? ""];
        }
        return errors;
    }

    public static void Merge(Dictionary<string, string[]> into, IReadOnlyDictionary<string, string[]>? errors, string? message)
    {
        if (errors is not null && errors.Count > 0)
            foreach (var (k, v) in errors) into[k] = v;
        else if (message is not null) into["form"] = [message];
    }

    public static string Serialize(Dictionary<string, string[]> errors) => JsonSerializer.Serialize(errors);

    public static Dictionary<string, string[]> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string[]>>(json) ?? [];
}
