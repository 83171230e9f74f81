import { uploadScript } from './upload-script.js';
import { uploadStylesheet } from './upload-stylesheet.js';

export interface PortalAsset {
  readonly contentType: string;
  readonly body: string;
}

/** The files the portal serves under its assets path, by file name. */
export const portalAssets: Readonly<Record<string, PortalAsset>> = Object.freeze({
  'upload.js': { contentType: 'text/javascript; charset=utf-8', body: uploadScript },
  'upload.css': { contentType: 'text/css; charset=utf-8', body: uploadStylesheet },
});
