/** Status texts of the gateway pages, by HTTP status. */
const statusTexts: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/**
 * The HTML error page a reverse proxy (nginx, a cloud load balancer) sends in front of an LLM
 * server, e.g. `<html>...<h1>502 Bad Gateway</h1>...`: what clients get instead of JSON when the
 * gateway, not the model server, answers.
 */
export function gatewayErrorPage(status: number): string {
  const title = `${status} ${statusTexts[status] ?? 'Error'}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
    '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
  );
}
