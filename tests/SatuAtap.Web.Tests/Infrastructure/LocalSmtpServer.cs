using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SatuAtap.Web.Tests.Infrastructure;

/// <summary>
/// A small SMTP server on a loopback port that keeps what it receives, for tests that read the mail the mall
/// sends. It speaks the plain SMTP a client needs (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
/// </summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    public sealed record Mail(string From, IReadOnlyList<string> To, string Data)
    {
        public string Subject => Header("Subject");
        public string Header(string name) =>
            Data.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim() ?? "";
    }

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Mail> _mails = [];
    private Task? _loop;

    public LocalSmtpServer(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<Mail> Received { get { lock (_mails) return [.. _mails]; } }

    /// <summary>A free loopback port (nothing listens on it once this returns).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public LocalSmtpServer Start()
    {
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                _ = Task.Run(() => ServeAsync(client));
            }
        });
        return this;
    }

    public async Task<Mail> WaitForAsync(Func<Mail, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Received.FirstOrDefault(match) is { } m) return m;
            await Task.Delay(50);
        }
        throw new TimeoutException("No matching mail arrived. Received: " + string.Join(" | ", Received.Select(m => m.Subject)));
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test SMTP");
        string from = "";
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "HELO": await writer.WriteLineAsync("250 localhost"); break;
                case "MAIL": from = line[10..].Trim(); to.Clear(); await writer.WriteLineAsync("250 OK"); break;
                case "RCPT": to.Add(line[8..].Trim()); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } d && d != ".") data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                    lock (_mails) _mails.Add(new Mail(from, [.. to], data.ToString()));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "RSET": from = ""; to.Clear(); await writer.WriteLineAsync("250 OK"); break;
                case "NOOP": await writer.WriteLineAsync("250 OK"); break;
                case "QUIT": await writer.WriteLineAsync("221 Bye"); return;
                default: await writer.WriteLineAsync("502 Command not implemented"); break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }
}
