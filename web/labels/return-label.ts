import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';

/** What goes on a return label. */
export interface LabelContent {
  returnId: string;
  orderId: string;
  store: string;
  lines: string[];
  /** The customer's status page, encoded in the QR code. */
  statusUrl: string;
}

/** A 4x6 inch return label: the store, the RMA as a Code 128 barcode, a QR code of the status page, the items. */
export async function returnLabelPdf(label: LabelContent): Promise<Buffer> {
  const barcode = await bwipjs.toBuffer({ bcid: 'code128', text: label.returnId, scale: 3, height: 14, includetext: true, textxalign: 'center' });
  const qr = await bwipjs.toBuffer({ bcid: 'qrcode', text: label.statusUrl, scale: 3 });
  const doc = new PDFDocument({ size: [288, 432], margin: 18, info: { Title: `Return label ${label.returnId}`, Author: label.store } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(16).text(`RETURN TO ${label.store.toUpperCase()}`, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(`Order ${label.orderId}`, { align: 'center' });
  doc.image(barcode, 34, 80, { width: 220 });
  doc.image(qr, 94, 190, { width: 100 });
  doc.fontSize(9).text('Scan to follow your return', 18, 296, { align: 'center', width: 252 });
  doc.fontSize(10).text(label.lines.join('\n'), 18, 320, { width: 252 });
  doc.end();
  return done;
}
