using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace SatuAtap.Web.Infrastructure;

/// <summary>Shows a use case's field errors beside the field of a page form (keys as the API names them).</summary>
public sealed class FormErrors(IReadOnlyDictionary<string, string[]>? errors)
{
    private readonly Dictionary<string, string[]> _errors = new(errors ?? new Dictionary<string, string[]>(), StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public static string IdOf(string field) => field.Replace('.', '-').Replace('[', '-').Replace(']', '-') + "-error";

    /// <summary>The id for <c>aria-describedby</c>, or null when the field has no error.</summary>
    public string? DescribedBy(string field) => _errors.ContainsKey(field) ? IdOf(field) : null;

    public IHtmlContent For(string field) => _errors.TryGetValue(field, out var messages)
        ? new HtmlString($"<span class=\"error\" id=\"{IdOf(field)}\">{HtmlEncoder.Default.Encode(string.Join(" ", messages))}</span>")
        : HtmlString.Empty;
}
