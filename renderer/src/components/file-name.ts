// One rule for main and the renderer (the consent record names the file too): it lives in shared/.
export { displayFileName } from '../../../shared/file-name';
