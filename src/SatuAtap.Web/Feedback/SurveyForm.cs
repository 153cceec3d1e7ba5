using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;

namespace SatuAtap.Web.Feedback;

/// <summary>The survey form of the pages (link, kiosk, paper): reads the nine answers and the profile from a posted form.</summary>
public static class SurveyForm
{
    public static string ScoreLabel(int score) => score switch
    {
        1 => Lang.T("Tidak baik", "Poor"),
        2 => Lang.T("Kurang baik", "Fair"),
        3 => Lang.T("Baik", "Good"),
        _ => Lang.T("Sangat baik", "Very good"),
    };

    public static (Dictionary<string, int?> Scores, RespondentInput Respondent, string? Comment) Read(IFormCollection form)
    {
        var scores = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var e in SatisfactionIndex.Elements)
        {
            var key = e.Code.ToLowerInvariant();
            scores[key] = int.TryParse(form[key], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        int? age = int.TryParse(form["umur"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : null;
        static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        return (scores, new RespondentInput(age, Text(form["jk"]), Text(form["pendidikan"]), Text(form["pekerjaan"])), Text(form["komentar"]));
    }
}
