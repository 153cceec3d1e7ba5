namespace SatuAtap.Bench;

/// <summary>The public pages' weight and whether they carry a script: they must work without JavaScript.</summary>
public static class Pages
{
    public const int MaxBytes = 60_000;

    public static readonly string[] Public = ["/", "/layanan?q=ktp", "/layanan/DKP-KTP", "/instansi"];

    public sealed record Weight(string Path, int Status, long Bytes, bool HasScript)
    {
        public bool Met => Status == 200 && Bytes < MaxBytes && !HasScript;
    }

    public static async Task<IReadOnlyList<Weight>> WeighAsync(Uri baseUri, CancellationToken ct)
    {
        // No Accept-Encoding: the weight is of the HTML itself, as a phone without compression would receive it.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var weights = new List<Weight>();
        foreach (var path in Public)
        {
            using var response = await http.GetAsync(path, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var text = System.Text.Encoding.UTF8.GetString(body);
            weights.Add(new Weight(path, (int)response.StatusCode, body.LongLength, text.Contains("<script", StringComparison.OrdinalIgnoreCase)));
        }
        return weights;
    }
}
