using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SatuAtap.Bench;

/// <summary>
/// The Link-Satu scenarios run on a generated activity table of 1,800 rows (the size of KBLI 2020's five-digit list),
/// imported through the managers' API before the first of them: codes <c>10000 + 49 i</c>, titles and everyday words
/// of a few words each, every fifth row with a parameter that raises its risk.
/// </summary>
public static class LicensingTable
{
    public const int Rows = 1_800;
    private static readonly string[] Words = ["usaha", "toko", "industri", "jasa", "warung", "bengkel", "kue", "makanan", "minuman", "pakaian",
        "reparasi", "perdagangan", "eceran", "besar", "rumah", "tangga", "kayu", "logam", "kertas", "plastik", "kimia", "obat", "ikan", "sayur"];
    private static readonly string[] Risks = ["low", "medium-low", "medium-high", "high"];

    public static string Kbli(int i) => (10_000 + 49 * i).ToString("D5", CultureInfo.InvariantCulture);

    public static string Csv()
    {
        var sb = new StringBuilder("kbli,title,title_en,synonyms,risk_micro,risk_small,risk_medium,risk_large,raise_parameter,raise_label,raise_label_en,raise_above,raise_to,supporting,supporting_home_food,source,source_date\n");
        var random = new Random(11);
        for (var i = 0; i < Rows; i++)
        {
            string W() => Words[random.Next(Words.Length)];
            var risk = random.Next(3);
            var raise = i % 5 == 0 ? $"seats,Jumlah kursi,Seats,50,{Risks[Math.Min(3, risk + 1)]}" : ",,,,";
            sb.Append(CultureInfo.InvariantCulture, $"{Kbli(i)},{W()} {W()} {W()} {i},{W()} {i},{W()} {W()};{W()} {W()},{Risks[risk]},{Risks[risk]},{Risks[Math.Min(3, risk + 1)]},{Risks[Math.Min(3, risk + 2)]},{raise},HALAL,SPP-IRT,Tabel bangkitan bench,2026-11-01\n");
        }
        return sb.ToString();
    }

    /// <summary>Imports the generated table unless the mall already has it.</summary>
    public static async Task EnsureAsync(BenchContext bench, CancellationToken ct)
    {
        using var http = MallApi.Client(bench.Mall.BaseUri);
        var table = await http.GetFromJsonAsync<JsonElement>("/api/v1/licensing/table", ct);
        if (table.GetProperty("activities").GetInt32() == Rows && !table.GetProperty("demo").GetBoolean()) return;
        http.DefaultRequestHeaders.Authorization = MallApi.Bearer(await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Manager, ct));
        using var r = await http.PostAsync("/api/v1/licensing/activities/import", new StringContent(Csv(), Encoding.UTF8, "text/csv"), ct);
        await MallApi.EnsureAsync(r, "import the generated activity table", ct);
    }

    /// <summary>Three activities of the generated table, one with its risk-raising parameter.</summary>
    public static string AssessmentBody() => JsonSerializer.Serialize(new
    {
        activities = new object[]
        {
            new { kbli = Kbli(0), parameters = new Dictionary<string, decimal> { ["seats"] = 60 } },
            new { kbli = Kbli(1) },
            new { kbli = Kbli(2) },
        },
        capitalRupiah = 50_000_000, district = "Palabuhanratu", usesBuilding = true, homeFood = true, employees = 2, investmentRupiah = 30_000_000,
    });
}

/// <summary>One steady request against the generated activity table, imported first.</summary>
public sealed class LicensingScenario : Scenario
{
    public required LoadRequest Request { get; init; }

    public override Task PrepareAsync(BenchContext bench, CancellationToken ct) => LicensingTable.EnsureAsync(bench, ct);

    public override Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct) =>
        bench.LoadAsync(Request, duration, ct);
}
