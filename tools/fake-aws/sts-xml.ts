import { escapeXml } from './errors.js';

/** An XML element's children in order: text values or nested elements. */
export interface XmlTree {
  [element: string]: string | number | XmlTree;
}

/** The Query protocol's success envelope: `<ActionResponse>` holding `<ActionResult>` and the request id (aws-federation-protocol.md §1.5). */
export function stsResponseXml(action: string, result: XmlTree, requestId: string): string {
  return (
    `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
    `  <${action}Result>\n${render(result, '    ')}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}

/** STS's timestamp form: ISO 8601 to the second, in UTC, as both SDKs parse it. */
export function stsTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function render(tree: XmlTree, indent: string): string {
  return Object.entries(tree)
    .map(([name, value]) =>
      typeof value === 'object'
        ? `${indent}<${name}>\n${render(value, indent + '  ')}${indent}</${name}>\n`
        : `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`,
    )
    .join('');
}
