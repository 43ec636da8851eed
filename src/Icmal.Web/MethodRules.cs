using Icmal.Web.Api;
using Icmal.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Icmal.Web;

/// <summary>
/// The HTTP methods the portal answers, for every route at once. Every route is read-only and mapped for GET; HEAD
/// is answered by the same route (link checkers and caches rely on it), and any other method on an existing address
/// gets 405 with <c>Allow: GET, HEAD</c> instead of the 404 that routing alone gives (the catch-all 404 route matches
/// any method, so routing never reaches its own 405).
/// </summary>
/// <remarks>
/// The request is routed as a GET; for HEAD, Kestrel still knows the request's real method and drops the body while
/// keeping the status and headers (Content-Length included) that the GET would have. Other methods are routed as GET
/// only to learn whether the address exists, and never reach the route.
/// </remarks>
public static class MethodRules
{
    public const string Allow = "GET, HEAD";

    private const string OriginalMethodKey = "icmal.original-method";

    /// <summary>True for a GET as the client sent it: a HEAD is routed as a GET, and this tells them apart.</summary>
    public static bool IsRealGet(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HttpMethods.IsGet(context.Request.Method) && context.Items[OriginalMethodKey] is null;
    }

    /// <summary>Marks the catch-all route, so that a request it caught is known to have no route of its own.</summary>
    public sealed class NotFoundRoute;

    /// <summary>Adds the rules around routing; call where routing belongs in the pipeline.</summary>
    public static void UseWithRouting(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            string method = context.Request.Method;
            if (HttpMethods.IsGet(method))
            {
                await next(context);
                return;
            }
            context.Items[OriginalMethodKey] = method;
            context.Request.Method = HttpMethods.Get;
            if (!HttpMethods.IsHead(method))
            {
                await next(context);
                return;
            }
            // HEAD: the body is counted, not sent, so the answer carries the Content-Length that GET's would.
            var body = context.Response.Body;
            var counter = new CountingNullStream();
            context.Response.Body = counter;
            try
            {
                await next(context);
                if (!context.Response.HasStarted && context.Response.ContentLength is null && counter.Length > 0)
                    context.Response.ContentLength = counter.Length;
            }
            finally
            {
                context.Response.Body = body;
            }
        });
        app.UseRouting();
        app.Use(async (context, next) =>
        {
            if (context.Items[OriginalMethodKey] is not string original || HttpMethods.IsHead(original))
            {
                await next(context);
                return;
            }
            context.Request.Method = original;
            var endpoint = context.GetEndpoint();
            if (endpoint is null || endpoint.Metadata.GetMetadata<NotFoundRoute>() is not null)
            {
                await next(context);
                return;
            }
            context.SetEndpoint(null);
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = Allow;
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                await context.Response.WriteAsJsonAsync(new ErrorDto($"method {original} is not allowed on {context.Request.Path}; it answers {Allow}"), context.RequestAborted);
            else
                await PageResults.Error(PageError.ReadOnlyAddress).ExecuteAsync(context);
        });
    }
}

/// <summary>A write-only stream that keeps only the count of bytes written: the body of an answer to HEAD.</summary>
internal sealed class CountingNullStream : Stream
{
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _length += buffer.Length;
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _length += count;
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
